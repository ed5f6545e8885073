using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;

namespace RenewalTools.Cmdlets
{
    /// <summary>Sets the auto-renew policy of prepaid Tencent Cloud MongoDB instances (SetAutoRenew, 2018-04-08); renews and charges nothing now.</summary>
    [Cmdlet(VerbsCommon.Set, "MongoDbAutoRenew", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(AutoRenewResult))]
    public sealed class SetMongoDbAutoRenewCommand : AutoRenewCmdletBase
    {
        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override AutoRenewApi CreateApi() => new TencentAutoRenew(TencentProduct.MongoDb);

        internal override InstanceReader CreateReader() => new MongoDbDescribeDBInstances();
    }
}
