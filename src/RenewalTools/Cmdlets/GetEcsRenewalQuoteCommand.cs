using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Credentials;

namespace RenewalTools.Cmdlets
{
    /// <summary>Quotes renewing subscription Alibaba Cloud ECS instances (DescribeRenewalPrice), one instance a request.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsRenewalQuote", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(RenewalQuote))]
    public sealed class GetEcsRenewalQuoteCommand : QuoteCmdletBase
    {
        /// <summary>Unit of -Period: Month (default) or Week, for rows without a PeriodUnit column. DescribeRenewalPrice prices months and years only.</summary>
        [Parameter]
        [ValidateSet("Month", "Week")]
        public string PeriodUnit { get; set; } = "Month";

        /// <summary>Price renewing to the account's unified expiry day (1-28) instead of by -Period, for rows without the column.</summary>
        [Parameter]
        [WholeNumber]
        public int? ExpectedRenewDay { get; set; }

        /// <summary>ACS3 (ACS3-HMAC-SHA256, default) or 1.0 (RPC HMAC-SHA1).</summary>
        [Parameter]
        [ValidateSet("ACS3", "1.0")]
        public string SignatureVersion { get; set; } = "ACS3";

        /// <summary>Pace for DescribeRenewalPrice calls per account: Alibaba publishes the limit only in the Quota Center.</summary>
        [Parameter]
        [ValidateRange(0.1, 1000)]
        public double MaxRequestsPerSecond { get; set; } = EcsCmdlets.ReadsPerSecond;

        internal override CloudProvider Provider => CloudProvider.Alibaba;

        /// <summary>The renewal's checks; the key only makes ClientTokens, which a quote does not send.</summary>
        internal override RenewalApi CreateApi() => new EcsRenewInstance(EcsCmdlets.Signature(SignatureVersion), "quote", MaxRequestsPerSecond);

        internal override QuoteApi CreateQuoteApi() => new EcsRenewalPrice(EcsCmdlets.Signature(SignatureVersion), MaxRequestsPerSecond);

        internal override void Describe(RenewalRequest request, InputRow row) => ProductSettings.Ecs(this, request, row, PeriodUnit);
    }
}
