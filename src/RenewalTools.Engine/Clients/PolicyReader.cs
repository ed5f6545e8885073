using System;
using System.Collections.Generic;
using System.Net.Http;
using RenewalTools.Credentials;

namespace RenewalTools.Clients
{
    /// <summary>
    /// A second read that completes an instance page with the auto-renew policy, for a cloud whose describe does not carry
    /// it (ECS DescribeInstanceAutoRenewAttribute). Up to 100 IDs a request, like every read here.
    /// </summary>
    internal abstract class PolicyReader : Engine.CloudAction
    {
        public abstract CloudProvider Provider { get; }
        /// <summary>The documented per-account limit of this read.</summary>
        public abstract double RequestsPerSecond { get; }

        public abstract HttpRequestMessage BuildRequest(string region, IReadOnlyList<string> instanceIds, SigningContext context);

        /// <summary>Sets each listed instance's policy fields from an accepted answer; false when it is not this read's shape.</summary>
        public abstract bool Apply(string body, IReadOnlyDictionary<string, CloudInstance> instances);
    }
}
