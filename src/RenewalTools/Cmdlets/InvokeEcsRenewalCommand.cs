using System;
using System.Globalization;
using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Credentials;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>Renews subscription (PrePaid) Alibaba Cloud ECS instances.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EcsRenewal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(RenewalResult))]
    public sealed class InvokeEcsRenewalCommand : RenewalCmdletBase
    {
        /// <summary>Unit of -Period: Month (default) or Week (China site only), for rows without a PeriodUnit column.</summary>
        [Parameter]
        [ValidateSet("Month", "Week")]
        public string PeriodUnit { get; set; } = "Month";

        /// <summary>Renew to the account's unified expiry day (1-28) instead of by -Period, for rows without the column.</summary>
        [Parameter]
        [WholeNumber]
        public int? ExpectedRenewDay { get; set; }

        /// <summary>ACS3 (ACS3-HMAC-SHA256, default) or 1.0 (RPC HMAC-SHA1).</summary>
        [Parameter]
        [ValidateSet("ACS3", "1.0")]
        public string SignatureVersion { get; set; } = "ACS3";

        /// <summary>Makes the ClientToken: the same key and renewal give the same token, so a rerun cannot charge twice.</summary>
        [Parameter]
        public string? IdempotencyKey { get; set; }

        /// <summary>
        /// Pace for RenewInstance calls per account. Alibaba documents no limit for this action (cloud-apis.md §9), so the
        /// default is conservative; lower it if results show Throttling retries, raise it only with a known quota.
        /// </summary>
        [Parameter]
        [ValidateRange(0.1, 1000)]
        public double MaxRequestsPerSecond { get; set; } = 20;

        internal override CloudProvider Provider => CloudProvider.Alibaba;

        internal override InstanceReader CreateReader() => new EcsDescribeInstances(EcsCmdlets.Signature(SignatureVersion), EcsCmdlets.ReadsPerSecond);

        internal override QuoteApi CreateQuoteApi() => new EcsRenewalPrice(EcsCmdlets.Signature(SignatureVersion), EcsCmdlets.ReadsPerSecond);

        internal override BalanceApi CreateBalanceApi() => new AlibabaAccountBalance();

        /// <summary>Default key: the UTC date, so a rerun of the same renewal on the same day reuses its tokens.</summary>
        internal override RenewalApi CreateApi() => new EcsRenewInstance(
            EcsCmdlets.Signature(SignatureVersion),
            IdempotencyKey ?? DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            MaxRequestsPerSecond);

        internal override void Describe(RenewalRequest request, InputRow row) => ProductSettings.Ecs(this, request, row, PeriodUnit);
    }
}
