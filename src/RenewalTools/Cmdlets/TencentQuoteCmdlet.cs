using System.Management.Automation;
using RenewalTools.Credentials;

namespace RenewalTools.Cmdlets
{
    /// <summary>The parameter the two Tencent quote cmdlets share with the Tencent renewal cmdlets.</summary>
    public abstract class TencentQuoteCmdlet : QuoteCmdletBase
    {
        /// <summary>Auto-renew setting the renewal would set, for rows without a RenewFlag column (sent with the inquiry; it does not change the price).</summary>
        [Parameter]
        [ValidateSet("NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW")]
        public string? RenewFlag { get; set; }

        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override void Describe(RenewalRequest request, InputRow row) => ProductSettings.Tencent(this, request, row);
    }
}
