namespace RenewalTools
{
    internal enum PeriodUnit { Month, Week }

    /// <summary>One instance the user asked to renew, after binding and normalisation.</summary>
    internal sealed class RenewalRequest
    {
        public RenewalRequest(string instanceId, string region)
        {
            InstanceId = instanceId;
            Region = region;
        }

        public string InstanceId { get; }
        public string Region { get; }
        public int? Period { get; set; }
        public PeriodUnit Unit { get; set; } = PeriodUnit.Month;
        public string? RenewFlag { get; set; }
        public bool? RenewPortableDataDisk { get; set; }
        public int? ExpectedRenewDay { get; set; }
        /// <summary>The expiry the cloud reported before this renewal (pre-read, or the journal of an earlier run).</summary>
        public System.DateTimeOffset? PreviousExpiry { get; set; }
        /// <summary>Idempotency token (ECS); derived once so every resend carries the same one.</summary>
        public string? ClientToken { get; set; }
        /// <summary>A journal records an attempt by an earlier run that may have executed: a refusal now cannot mean "not renewed".</summary>
        public bool EarlierAttemptMayHaveExecuted { get; set; }
        /// <summary>When the earlier run's unanswered attempt was sent (journal).</summary>
        public System.DateTimeOffset? EarlierAttemptAt { get; set; }
        /// <summary>Resends ordered by a read-back that proved an unanswered request did not execute.</summary>
        public int ResendsAfterReadBack { get; set; }
        /// <summary>What the quote before sending said the renewal costs (-MaxTotalPrice), and in which currency.</summary>
        public decimal? Price { get; set; }
        public string? Currency { get; set; }
        /// <summary>Requests sent that carried this instance.</summary>
        public int Attempts { get; set; }
        /// <summary>Its one result has been queued.</summary>
        public bool Completed { get; set; }

        public string Describe() => InstanceId + " (" + Region + ")";

        /// <summary>The period as results and quotes report it: none for a renewal to the unified expiry day (ECS).</summary>
        public int? ReportedPeriod => ExpectedRenewDay.HasValue ? null : Period;

        public string? ReportedUnit => ExpectedRenewDay.HasValue ? null : Unit.ToString();
    }
}
