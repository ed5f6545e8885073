using System.Collections.Generic;

namespace RenewalTools.Clients
{
    /// <summary>Which instances one read asks for: a region, optionally up to 100 IDs, optionally prepaid only.</summary>
    internal sealed class InstanceQuery
    {
        public InstanceQuery(string region, IReadOnlyList<string>? instanceIds, bool prepaidOnly)
        {
            Region = region;
            InstanceIds = instanceIds;
            PrepaidOnly = prepaidOnly;
        }

        public string Region { get; }
        /// <summary>Null: every instance of the region (paged).</summary>
        public IReadOnlyList<string>? InstanceIds { get; }
        public bool PrepaidOnly { get; }
    }
}
