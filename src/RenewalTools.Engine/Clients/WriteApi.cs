using System.Collections.Generic;
using System.Net.Http;
using System.Text.RegularExpressions;
using RenewalTools.Credentials;

namespace RenewalTools.Clients
{
    /// <summary>
    /// One product's wire for one write action (a renewal, setting the auto-renew policy): its request shape, signature,
    /// limits and error table. The write pipeline knows nothing about any cloud beyond this class.
    /// </summary>
    internal abstract class WriteApi<TRequest> : Engine.CloudAction
        where TRequest : WriteRequest
    {
        public abstract CloudProvider Provider { get; }
        /// <summary>Instances one request may carry.</summary>
        public abstract int MaxBatchSize { get; }
        /// <summary>The documented per-account rate limit for this action.</summary>
        public abstract double RequestsPerSecond { get; }
        /// <summary>True when a resend of a request that may have executed cannot do anything twice (a ClientToken, or an idempotent write).</summary>
        public virtual bool ResendIsHarmless => false;
        /// <summary>The usual shape of an instance ID: a mismatch warns, it never blocks (cloud-apis.md §8).</summary>
        protected abstract Regex UsualIdShape { get; }
        protected abstract string UsualIdExample { get; }

        public string? IdShapeWarning(string instanceId) => UsualIdShape.IsMatch(instanceId)
            ? null
            : "'" + instanceId + "' does not look like a " + Service + " instance ID (usually like " + UsualIdExample + "); it is sent as given and the cloud decides.";

        /// <summary>Fixes what must not change between attempts (ECS: the ClientToken), before any intent is recorded.</summary>
        public virtual void Prepare(TRequest request)
        {
        }

        /// <summary>Instances that can share one request.</summary>
        public abstract string BatchKey(TRequest request);

        /// <summary>Builds and signs a fresh request (new timestamp and nonce on every attempt).</summary>
        public abstract HttpRequestMessage BuildRequest(IReadOnlyList<TRequest> batch, SigningContext context);
    }
}
