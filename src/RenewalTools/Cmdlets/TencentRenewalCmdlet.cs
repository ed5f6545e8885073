using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Signing;

namespace RenewalTools.Cmdlets
{
    /// <summary>The parameters the two Tencent cmdlets share beyond the common ones.</summary>
    public abstract class TencentRenewalCmdlet : RenewalCmdletBase
    {
        /// <summary>Auto-renew setting after this renewal, for rows without a RenewFlag column.</summary>
        [Parameter]
        [ValidateSet("NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW")]
        public string? RenewFlag { get; set; }

        /// <summary>Signature v1 algorithm, for the legacy gateway APIs only.</summary>
        [Parameter]
        [ValidateSet(TencentV1Signer.HmacSha256, TencentV1Signer.HmacSha1)]
        public string SignatureMethod { get; set; } = TencentV1Signer.HmacSha256;

        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override void Describe(RenewalRequest request, InputRow row) => ProductSettings.Tencent(this, request, row);

        internal override BalanceApi CreateBalanceApi() => new TencentAccountBalance();
    }
}
