using System.Management.Automation;
using RenewalTools.Credentials;
using RenewalTools.Signing;

namespace RenewalTools.Cmdlets
{
    /// <summary>The parameters the two Tencent cmdlets share beyond the common ones.</summary>
    public abstract class TencentRenewalCmdlet : RenewalCmdletBase
    {
        /// <summary>Auto-renew setting after this renewal; binds from a RenewFlag column.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW")]
        public string? RenewFlag { get; set; }

        /// <summary>Signature v1 algorithm, for the legacy gateway APIs only.</summary>
        [Parameter]
        [ValidateSet(TencentV1Signer.HmacSha256, TencentV1Signer.HmacSha1)]
        public string SignatureMethod { get; set; } = TencentV1Signer.HmacSha256;

        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override string RegionVariable => "TENCENTCLOUD_REGION";

        internal override void Describe(RenewalRequest request) => request.RenewFlag = RenewFlag;
    }
}
