using System;
using System.Collections.Generic;
using System.Management.Automation;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>-WhatIf -IncludePrice of a renewal cmdlet: each What if line with its quoted price, then the total and what the limits would decide.</summary>
    internal static class PricedWhatIf
    {
        /// <summary>
        /// -WhatIf -IncludePrice: quotes every instance (reads only), then writes each What if line with its price and one
        /// total line. Nothing is renewed.
        /// </summary>
        public static void Report(Cmdlet cmdlet, List<RenewalRequest> requests, IReadOnlyList<RenewalQuote> quotes, SpendLimits limits, Func<RenewalRequest, string?, bool> confirm)
        {
            for (var i = 0; i < requests.Count; i++)
            {
                var quote = quotes[i];
                confirm(requests[i], quote.Price.HasValue
                    ? "; quoted " + PriceQuotes.FormatMoney(quote.Price.Value, quote.Currency) + " (" + quote.Action + ")"
                    : "; no price (" + quote.ErrorCode + ": " + quote.Message + ")");
            }
            var verdict = SpendGate.Decide(quotes, limits);
            var line = "What if: Total for " + requests.Count + " instance(s): " + PriceQuotes.FormatMoney(verdict.Total, verdict.Currency)
                + (verdict.Unpriced > 0 ? " (" + verdict.Unpriced + " without a price, not counted)" : "")
                + (!limits.PricesFirst ? "" : !verdict.Allowed ? "; the run would stop: " + verdict.Message
                    : limits.MaxTotalPrice.HasValue ? "; within -MaxTotalPrice " + PriceQuotes.FormatMoney(limits.MaxTotalPrice.Value, verdict.Currency) : "") + ".";
            cmdlet.WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
        }
    }
}
