using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;

namespace RenewalTools.Cmdlets
{
    /// <summary>Lists Tencent Cloud MongoDB instances (DescribeDBInstances 2019-07-25).</summary>
    [Cmdlet(VerbsCommon.Get, "MongoDbInstance", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(CloudInstance))]
    public sealed class GetMongoDbInstanceCommand : GetInstanceCmdletBase
    {
        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override InstanceReader CreateReader() => new MongoDbDescribeDBInstances();
    }
}
