using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The checks a run passes before it spends: every instance priced, the total within -MaxTotalPrice, in the stated
    /// currency, and within the account's balance. The balance is advisory unless -RequireBalance: vouchers and credit
    /// can pay what the balance does not (cloud-read-apis.md §D).
    /// </summary>
    internal sealed class SpendGate
    {
        private readonly PriceQuotes _quotes;
        private readonly BalanceApi _balance;
        private readonly CloudCaller _caller;
        private readonly RenewalOptions _options;
        private readonly Action<SessionEventKind, string> _post;

        public SpendGate(SpendLimits limits, PriceQuotes quotes, BalanceApi balance, CloudCaller caller, RenewalOptions options, Action<SessionEventKind, string> post)
        {
            Limits = limits;
            _quotes = quotes;
            _balance = balance;
            _caller = caller;
            _options = options;
            _post = post;
        }

        public SpendLimits Limits { get; }

        public PriceQuotes Quotes => _quotes;

        /// <summary>Prices every held renewal (each request gets its Price), reads the balance, and decides.</summary>
        public async Task<SpendVerdict> CheckAsync(IReadOnlyList<RenewalRequest> held, CancellationToken stop)
        {
            var quotes = await Task.WhenAll(held.Select(r => _quotes.QuoteAsync(r, Limits.Currency, stop))).ConfigureAwait(false);
            for (var i = 0; i < held.Count; i++)
            {
                held[i].Price = quotes[i].Price;
                held[i].Currency = quotes[i].Currency;
            }
            var verdict = Decide(quotes, Limits);
            if (!verdict.Allowed || held.Count == 0)
            {
                return verdict;
            }
            _post(SessionEventKind.Verbose, "Quoted " + quotes.Length + " renewal(s) (" + _quotes.Action + "): " + PriceQuotes.FormatMoney(verdict.Total, verdict.Currency) + (Limits.MaxTotalPrice.HasValue ? ", within -MaxTotalPrice " + PriceQuotes.FormatMoney(Limits.MaxTotalPrice.Value, verdict.Currency) : "") + ".");
            await CheckBalanceAsync(verdict, held[0].Region, verdict.Total, verdict.Currency, stop).ConfigureAwait(false);
            return verdict;
        }

        /// <summary>The balance check of a run that is not priced first: with no total, only a negative balance is news.</summary>
        public async Task<SpendVerdict> CheckBalanceOnlyAsync(string region, CancellationToken stop)
        {
            var verdict = new SpendVerdict();
            await CheckBalanceAsync(verdict, region, null, null, stop).ConfigureAwait(false);
            return verdict;
        }

        private async Task CheckBalanceAsync(SpendVerdict verdict, string region, decimal? total, string? currency, CancellationToken stop)
        {
            if (!Limits.CheckBalance)
            {
                return;
            }
            AccountBalance balance;
            try
            {
                // An advisory read must not hold the renewals back for minutes when billing is unreachable: a couple of
                // quick tries, then the warning. With -RequireBalance it is binding, and retried like any read.
                var options = Limits.RequireBalance ? _options : AdvisoryRead;
                var pacer = _caller.PacerFor(_balance, _balance.RequestsPerSecond * _options.PacingHeadroom);
                (balance, _) = await _caller.ReadAsync(_balance, pacer, options, context => _balance.BuildRequest(region, context),
                    outcome => _balance.ParseBalance(outcome.Exchange.Body), _balance.Service + " " + _balance.Action, _post, stop,
                    Limits.RequireBalance || _caller.Timeout < AdvisoryTimeout ? (TimeSpan?)null : AdvisoryTimeout).ConfigureAwait(false);
            }
            catch (CloudReadException ex)
            {
                var text = "Balance not checked: " + ex.Failure.Code + ": " + ex.Message;
                if (Limits.RequireBalance)
                {
                    Refuse(verdict, SpendCodes.BalanceNotChecked, text + " -RequireBalance needs it, so nothing was renewed.");
                }
                else
                {
                    verdict.Warnings.Add(text + " The run goes on.");
                }
                return;
            }
            var shown = PriceQuotes.FormatMoney(balance.Available, balance.Currency ?? currency);
            _post(SessionEventKind.Verbose, "Account balance " + shown + " (" + _balance.Figure + ").");
            if (total.HasValue && balance.Currency != null && currency != null && !string.Equals(balance.Currency, currency, StringComparison.OrdinalIgnoreCase))
            {
                var text = "Balance not checked: the account's balance is in " + balance.Currency + " but the quotes are in " + currency + ".";
                if (Limits.RequireBalance)
                {
                    Refuse(verdict, SpendCodes.BalanceNotChecked, text + " -RequireBalance needs a comparable balance, so nothing was renewed.");
                }
                else
                {
                    verdict.Warnings.Add(text + " The run goes on.");
                }
                return;
            }
            var needed = total ?? 0;
            if (balance.Available >= needed && balance.Available >= 0)
            {
                return;
            }
            var text2 = total.HasValue
                ? "The quoted total " + PriceQuotes.FormatMoney(needed, currency) + " is more than the account's available balance " + shown + " (" + _balance.Figure + ")."
                : "The account's available balance is " + shown + " (" + _balance.Figure + "); renewals may be refused for insufficient balance.";
            if (Limits.RequireBalance && total.HasValue)
            {
                Refuse(verdict, SpendCodes.InsufficientBalance, text2 + " -RequireBalance was given, so nothing was renewed.");
            }
            else
            {
                verdict.Warnings.Add(text2 + " Vouchers or credit may still cover it; the run goes on.");
            }
        }

        private static readonly TimeSpan AdvisoryTimeout = TimeSpan.FromSeconds(10);

        private static readonly RenewalOptions AdvisoryRead = new RenewalOptions { MaxAttempts = 2, MaxThrottledAttempts = 3, MaxConnectAttempts = 1, MaxIdempotentAttempts = 1 };

        /// <summary>The rule of -MaxTotalPrice and -Currency over a run's quotes (one place; the quote-only path uses it too).</summary>
        public static SpendVerdict Decide(IReadOnlyList<RenewalQuote> quotes, SpendLimits limits)
        {
            var verdict = new SpendVerdict
            {
                Total = quotes.Sum(q => q.Price ?? 0),
                Unpriced = quotes.Count(q => !q.Price.HasValue),
                Currency = quotes.Select(q => q.Currency).FirstOrDefault(c => c != null) ?? limits.Currency,
            };
            if (!limits.PricesFirst)
            {
                return verdict;
            }
            var unpriced = quotes.Where(q => !q.Price.HasValue).ToList();
            if (unpriced.Count > 0)
            {
                Refuse(verdict, SpendCodes.PriceUnknown, unpriced.Count + " of " + quotes.Count + " instance(s) have no price, so the total is not known and nothing was renewed: "
                    + string.Join("; ", unpriced.Take(5).Select(q => q.InstanceId + " (" + q.ErrorCode + ": " + q.Message + ")")) + (unpriced.Count > 5 ? "; and " + (unpriced.Count - 5) + " more" : "") + ".");
                return verdict;
            }
            var currencies = quotes.Select(q => q.Currency).Where(c => c != null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (currencies.Count > 1 || (limits.Currency != null && currencies.Count == 1 && !string.Equals(currencies[0], limits.Currency, StringComparison.OrdinalIgnoreCase)))
            {
                Refuse(verdict, SpendCodes.CurrencyMismatch, "The quotes are in " + string.Join(", ", currencies) + (limits.Currency is null ? "" : " but -Currency " + limits.Currency + " was given") + "; nothing was renewed.");
                return verdict;
            }
            var total = verdict.Total;
            if (limits.MaxTotalPrice.HasValue && total > limits.MaxTotalPrice.Value)
            {
                var currency = verdict.Currency;
                var top = quotes.OrderByDescending(q => q.Price!.Value).ThenBy(q => q.InstanceId, StringComparer.Ordinal).Take(5)
                    .Select(q => q.InstanceId + " " + PriceQuotes.FormatMoney(q.Price!.Value, currency));
                Refuse(verdict, SpendCodes.SpendCapExceeded, "Renewing these " + quotes.Count + " instance(s) would cost " + PriceQuotes.FormatMoney(total, currency) + ", more than -MaxTotalPrice "
                    + PriceQuotes.FormatMoney(limits.MaxTotalPrice.Value, currency) + "; nothing was renewed. Most expensive: " + string.Join(", ", top) + ".");
            }
            return verdict;
        }

        private static void Refuse(SpendVerdict verdict, string code, string message)
        {
            verdict.Refusal = ErrorCatalog.Spend.Classify(code);
            verdict.Message = message;
        }
    }
}
