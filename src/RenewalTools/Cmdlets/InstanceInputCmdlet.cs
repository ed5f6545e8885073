using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// What the renewal and quote cmdlets share beyond taking instances: the period, the currency, and the renewal API's
    /// input checks, which apply to quotes too.
    /// </summary>
    public abstract class InstanceInputCmdlet : InstanceTargetCmdlet
    {
        private RenewalApi? _api;

        /// <summary>Renewal length (months unless -PeriodUnit says otherwise), for rows without a Period column.</summary>
        [Parameter]
        [WholeNumber]
        public int? Period { get; set; }

        /// <summary>
        /// A currency code (CNY, USD). For a renewal run, the one -MaxTotalPrice is stated in: quotes in another currency
        /// refuse the run. It also names the currency of quotes whose answer states none (Tencent's).
        /// </summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z]{3}$")]
        public string? Currency { get; set; }

        /// <summary>The renewal API the bound parameters select (created once, in BeginProcessing): its checks apply to quotes too.</summary>
        internal RenewalApi Renewal => _api ??= CreateApi();

        internal abstract RenewalApi CreateApi();

        /// <summary>The product's renewal price inquiry.</summary>
        internal abstract QuoteApi CreateQuoteApi();

        /// <summary>Fills the API-specific fields of one request from the row and the command line (see TrySetting).</summary>
        internal abstract void Describe(RenewalRequest request, InputRow row);

        /// <summary>The request one input stands for, or null when it was refused (through RefuseInput).</summary>
        internal RenewalRequest? ReadRequest(InputRow row) => ReadTarget(
            row,
            (id, region) => new RenewalRequest(id, region),
            request =>
            {
                if (TrySetting<int>(row, nameof(Period), InputRules.ParseWholeNumber, out var period))
                {
                    request.Period = period;
                }
                Describe(request, row);
            },
            Renewal.CheckRequest,
            Renewal.IdShapeWarning);
    }
}
