using RenewalTools.Clients.Alibaba;

namespace RenewalTools.Cmdlets
{
    /// <summary>What the ECS cmdlets share besides their parameters.</summary>
    internal static class EcsCmdlets
    {
        /// <summary>
        /// Pace of the ECS reads (DescribeInstances, DescribeRenewalPrice): Alibaba shows their limits only in the Quota
        /// Center (cloud-read-apis.md §A3, UNCONFIRMED), so a conservative default.
        /// </summary>
        public const double ReadsPerSecond = 20;

        public static AlibabaSignature Signature(string version) => version == "1.0" ? AlibabaSignature.Rpc1 : AlibabaSignature.Acs3;
    }
}
