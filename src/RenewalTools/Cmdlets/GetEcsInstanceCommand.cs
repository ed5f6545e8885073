using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Credentials;

namespace RenewalTools.Cmdlets
{
    /// <summary>Lists Alibaba Cloud ECS instances (DescribeInstances 2014-05-26).</summary>
    [Cmdlet(VerbsCommon.Get, "EcsInstance", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(CloudInstance))]
    public sealed class GetEcsInstanceCommand : GetInstanceCmdletBase
    {
        /// <summary>ACS3 (ACS3-HMAC-SHA256, default) or 1.0 (RPC HMAC-SHA1).</summary>
        [Parameter]
        [ValidateSet("ACS3", "1.0")]
        public string SignatureVersion { get; set; } = "ACS3";

        /// <summary>Pace for DescribeInstances calls per account: Alibaba publishes the limit only in the Quota Center.</summary>
        [Parameter]
        [ValidateRange(0.1, 1000)]
        public double MaxRequestsPerSecond { get; set; } = 20;

        internal override CloudProvider Provider => CloudProvider.Alibaba;

        /// <summary>DescribeInstances carries no auto-renew policy: each page is completed by DescribeInstanceAutoRenewAttribute.</summary>
        internal override InstanceReader CreateReader() => new EcsDescribeInstances(EcsCmdlets.Signature(SignatureVersion), MaxRequestsPerSecond)
        {
            Policies = new EcsDescribeAutoRenewAttribute(EcsCmdlets.Signature(SignatureVersion), MaxRequestsPerSecond),
        };
    }
}
