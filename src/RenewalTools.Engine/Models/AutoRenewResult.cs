using System;

namespace RenewalTools
{
    /// <summary>The outcome of setting one instance's auto-renew policy; the output type of Set-*AutoRenew.</summary>
    public sealed class AutoRenewResult : IWriteResult
    {
        public string Service { get; set; } = "";
        public string InstanceId { get; set; } = "";
        public string? Region { get; set; }
        public AutoRenewStatus Status { get; set; }
        /// <summary>The policy read before sending; null when it could not be read.</summary>
        public AutoRenewPolicy? PreviousPolicy { get; set; }
        /// <summary>The policy asked for.</summary>
        public AutoRenewPolicy? Policy { get; set; }
        /// <summary>ECS: the auto-renew period asked for (with <see cref="PeriodUnit"/>); null elsewhere.</summary>
        public int? Duration { get; set; }
        public string? PeriodUnit { get; set; }
        /// <summary>The policy as the cloud read back after the change (or before, when Unchanged).</summary>
        public AutoRenewPolicy? CurrentPolicy { get; set; }
        /// <summary>The instance's expiry as last read: what this policy protects.</summary>
        public DateTimeOffset? ExpiresAt { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorClass { get; set; }
        public string? Message { get; set; }
        public string? RequestId { get; set; }
        public int Attempts { get; set; }
        public string Action { get; set; } = "";
        public DateTimeOffset CompletedAt { get; set; }

        string IWriteResult.StatusText => Status.ToString();

        public override string ToString() => $"{Service} {InstanceId}: {Status}{(ErrorCode is null ? "" : " (" + ErrorCode + ")")}";
    }
}
