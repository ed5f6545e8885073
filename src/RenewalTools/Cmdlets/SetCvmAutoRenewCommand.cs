using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;

namespace RenewalTools.Cmdlets
{
    /// <summary>Sets the auto-renew policy of prepaid Tencent Cloud CVM instances (ModifyInstancesRenewFlag); renews and charges nothing now.</summary>
    [Cmdlet(VerbsCommon.Set, "CvmAutoRenew", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(AutoRenewResult))]
    public sealed class SetCvmAutoRenewCommand : AutoRenewCmdletBase
    {
        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override AutoRenewApi CreateApi() => new TencentAutoRenew(TencentProduct.Cvm);

        internal override InstanceReader CreateReader() => new CvmDescribeInstances();
    }
}
