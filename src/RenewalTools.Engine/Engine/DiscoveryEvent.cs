using System.Collections.Generic;
using System.Threading.Tasks;

namespace RenewalTools.Engine
{
    /// <summary>Something a discovery run hands the pipeline thread.</summary>
    internal sealed class DiscoveryEvent
    {
        public SessionEventKind Kind { get; set; }
        public string Text { get; set; } = "";
        /// <summary>A page for the pipeline; complete <see cref="Written"/> once it is written, so the region's next page may be handed over.</summary>
        public List<CloudInstance>? Page { get; set; }
        public TaskCompletionSource<bool>? Written { get; set; }
        /// <summary>A query that failed for good (one region): its error, while the others go on.</summary>
        public CloudReadException? Failure { get; set; }
        public string? Region { get; set; }
    }
}
