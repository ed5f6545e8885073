using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;

namespace RenewalTools.Cmdlets
{
    /// <summary>Lists Tencent Cloud CVM instances (DescribeInstances 2017-03-12).</summary>
    [Cmdlet(VerbsCommon.Get, "CvmInstance", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(CloudInstance))]
    public sealed class GetCvmInstanceCommand : GetInstanceCmdletBase
    {
        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override InstanceReader CreateReader() => new CvmDescribeInstances();
    }
}
