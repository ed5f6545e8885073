using System.Collections.Generic;

namespace RenewalTools.Clients
{
    /// <summary>One page of a read, and where the next one starts (null on the last page).</summary>
    internal sealed class InstancePage
    {
        public InstancePage(List<CloudInstance> instances, string? next, long? total = null)
        {
            Instances = instances;
            Next = next;
            Total = total;
        }

        public List<CloudInstance> Instances { get; }
        public string? Next { get; }
        /// <summary>
        /// How many instances the query matches in all, when the read pages by offset and says so (Tencent TotalCount);
        /// null when it pages by token (with NextToken, ECS's TotalCount means nothing: cloud-read-apis.md §A3).
        /// </summary>
        public long? Total { get; }
    }
}
