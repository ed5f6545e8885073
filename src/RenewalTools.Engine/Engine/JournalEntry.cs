using System;

namespace RenewalTools.Engine
{
    /// <summary>What the journal knows about one instance of one renewal job.</summary>
    internal sealed class JournalEntry
    {
        public string Service { get; set; } = "";
        public string InstanceId { get; set; } = "";
        public string? Region { get; set; }
        public string Spec { get; set; } = "";
        /// <summary>The last outcome written, or null when the last line for it is an intent (sent, never answered).</summary>
        public RenewalStatus? Status { get; set; }
        public string? ErrorCode { get; set; }
        public string? RequestId { get; set; }
        public string? DealId { get; set; }
        public string? OrderId { get; set; }
        public string? ClientToken { get; set; }
        /// <summary>The expiry read before the renewal was sent: what a later run compares the cloud's expiry with.</summary>
        public DateTimeOffset? PreviousExpiry { get; set; }
        public DateTimeOffset? NewExpiry { get; set; }
        public DateTimeOffset? At { get; set; }
        /// <summary>When the first intent still open was written: an unanswered renewal's billing order can be no older.</summary>
        public DateTimeOffset? IntentAt { get; set; }
        /// <summary>CVM: the LatestOperationRequestId read before that intent ("" = none); a newer one is the renewal's.</summary>
        public string? OperationBefore { get; set; }

        /// <summary>Sent and possibly executed with no final answer: an open intent, or an Unknown outcome.</summary>
        public bool MayHaveExecuted => Status is null || Status == RenewalStatus.Unknown;

        public bool Done => Status == RenewalStatus.Renewed || Status == RenewalStatus.Submitted;
    }
}
