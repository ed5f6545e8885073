using System.Collections.Generic;

namespace RenewalTools.Engine
{
    /// <summary>Durable record of what was about to be sent and what came of it.</summary>
    internal interface IRenewalJournal
    {
        /// <summary>Written and flushed before the request leaves.</summary>
        void RecordIntent(IReadOnlyList<RenewalRequest> batch, string service, string action, int attempt);

        void RecordOutcome(RenewalResult result);
    }
}
