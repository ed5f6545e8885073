using System.Management.Automation;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Signing;

namespace RenewalTools.Cmdlets
{
    /// <summary>The parameters the two Tencent cmdlets share beyond the common ones.</summary>
    public abstract class TencentRenewalCmdlet : RenewalCmdletBase
    {
        private static readonly string[] RenewFlags = { "NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW" };

        /// <summary>Auto-renew setting after this renewal, for rows without a RenewFlag column.</summary>
        [Parameter]
        [ValidateSet("NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW")]
        public string? RenewFlag { get; set; }

        /// <summary>Signature v1 algorithm, for the legacy gateway APIs only.</summary>
        [Parameter]
        [ValidateSet(TencentV1Signer.HmacSha256, TencentV1Signer.HmacSha1)]
        public string SignatureMethod { get; set; } = TencentV1Signer.HmacSha256;

        internal override CloudProvider Provider => CloudProvider.Tencent;


        /// <summary>The API's spelling is sent whatever the case typed: a lower-case flag is not a value the API documents.</summary>
        internal override void Describe(RenewalRequest request, InputRow row)
        {
            if (TrySetting(row, nameof(RenewFlag), (object cell, string name, out string flag) => InputRules.ParseChoice(cell, name, RenewFlags, out flag), out var renewFlag))
            {
                request.RenewFlag = renewFlag;
            }
        }
    }
}
