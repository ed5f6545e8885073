using System;

namespace RenewalTools
{
    /// <summary>The outcome of setting one instance's auto-renew policy; the output type of Set-*AutoRenew.</summary>
    public sealed class AutoRenewResult : IWriteResult
    {
        /// <summary>The product: CVM, MongoDB or ECS.</summary>
        public string Service { get; set; } = "";
        /// <summary>The instance, as given.</summary>
        public string InstanceId { get; set; } = "";
        /// <summary>The instance's region; null when the input named none that could be used.</summary>
        public string? Region { get; set; }
        /// <summary>What happened (see the status enum).</summary>
        public AutoRenewStatus Status { get; set; }
        /// <summary>The policy read before sending; null when it could not be read.</summary>
        public AutoRenewPolicy? PreviousPolicy { get; set; }
        /// <summary>The policy asked for.</summary>
        public AutoRenewPolicy? Policy { get; set; }
        /// <summary>ECS: the auto-renew period asked for (with <see cref="PeriodUnit"/>); null elsewhere.</summary>
        public int? Duration { get; set; }
        /// <summary>The unit of the period (Month, Week, Year).</summary>
        public string? PeriodUnit { get; set; }
        /// <summary>The policy as the cloud read back after the change (or before, when Unchanged).</summary>
        public AutoRenewPolicy? CurrentPolicy { get; set; }
        /// <summary>The instance's expiry as last read: what this policy protects.</summary>
        public DateTimeOffset? ExpiresAt { get; set; }
        /// <summary>The cloud's error code, or the module's own code (InvalidInput, NotPrepaid…); null on success.</summary>
        public string? ErrorCode { get; set; }
        /// <summary>How the module classified the error: Final, SafeToRetry or MayHaveExecuted.</summary>
        public string? ErrorClass { get; set; }
        /// <summary>What happened, in words: the error's meaning and the cloud's message, or a note on success.</summary>
        public string? Message { get; set; }
        /// <summary>The RequestId of the cloud's answer that decided the result; quote it to the cloud's support.</summary>
        public string? RequestId { get; set; }
        /// <summary>Requests sent that carried this instance.</summary>
        public int Attempts { get; set; }
        /// <summary>The cloud action called.</summary>
        public string Action { get; set; } = "";
        /// <summary>When the result was decided (UTC).</summary>
        public DateTimeOffset CompletedAt { get; set; }

        string IWriteResult.StatusText => Status.ToString();

        /// <inheritdoc/>
        public override string ToString() => $"{Service} {InstanceId}: {Status}{(ErrorCode is null ? "" : " (" + ErrorCode + ")")}";
    }
}
