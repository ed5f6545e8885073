using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Credentials;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>Sets the auto-renew policy of subscription Alibaba Cloud ECS instances (ModifyInstanceAutoRenewAttribute); renews and charges nothing now.</summary>
    [Cmdlet(VerbsCommon.Set, "EcsAutoRenew", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(AutoRenewResult))]
    public sealed class SetEcsAutoRenewCommand : AutoRenewCmdletBase
    {
        private static readonly string[] Units = { "Month", "Year" };

        /// <summary>With -Policy AutoRenew: how long each automatic renewal is (Month: 1, 2, 3, 6, 12, 24, 36, 48, 60; Year: 1-5); one month when not given.</summary>
        [Parameter]
        [WholeNumber]
        public int? Duration { get; set; }

        /// <summary>Unit of -Duration: Month (default) or Year.</summary>
        [Parameter]
        [ValidateSet("Month", "Year")]
        public string? PeriodUnit { get; set; }

        /// <summary>ACS3 (ACS3-HMAC-SHA256, default) or 1.0 (RPC HMAC-SHA1).</summary>
        [Parameter]
        [ValidateSet("ACS3", "1.0")]
        public string SignatureVersion { get; set; } = "ACS3";

        /// <summary>Pace of ModifyInstanceAutoRenewAttribute calls per account (Alibaba documents no limit; a conservative default).</summary>
        [Parameter]
        [ValidateRange(0.1, 1000)]
        public double MaxRequestsPerSecond { get; set; } = 20;

        internal override CloudProvider Provider => CloudProvider.Alibaba;

        internal override AutoRenewApi CreateApi() => new EcsModifyAutoRenewAttribute(EcsCmdlets.Signature(SignatureVersion), MaxRequestsPerSecond);

        internal override InstanceReader CreateReader() => new EcsDescribeInstances(EcsCmdlets.Signature(SignatureVersion), EcsCmdlets.ReadsPerSecond)
        {
            Policies = new EcsDescribeAutoRenewAttribute(EcsCmdlets.Signature(SignatureVersion), EcsCmdlets.ReadsPerSecond),
        };

        internal override void Describe(AutoRenewRequest request, InputRow row)
        {
            if (TrySetting<int>(row, nameof(Duration), InputRules.ParseWholeNumber, out var duration))
            {
                request.Duration = duration;
            }
            if (TrySetting(row, nameof(PeriodUnit), (object cell, string name, out string unit) => InputRules.ParseChoice(cell, name, Units, out unit), out var periodUnit))
            {
                request.PeriodUnit = periodUnit;
            }
        }
    }
}
