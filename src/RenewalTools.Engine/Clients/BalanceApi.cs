using System.Net.Http;

namespace RenewalTools.Clients
{
    /// <summary>One cloud's account-balance read (Tencent billing, Alibaba BSS): no parameters, its own host and limit.</summary>
    internal abstract class BalanceApi : RenewalTools.Engine.CloudAction
    {
        public abstract double RequestsPerSecond { get; }
        /// <summary>Names the figure for messages, e.g. "RealBalance (Tencent billing DescribeAccountBalance)".</summary>
        public abstract string Figure { get; }

        /// <param name="region">A region of the run's instances: Alibaba picks the BSS host by site.</param>
        public abstract HttpRequestMessage BuildRequest(string? region, SigningContext context);

        /// <summary>Reads an accepted answer; null when the body is not this read's shape.</summary>
        public abstract AccountBalance? ParseBalance(string body);


    }
}
