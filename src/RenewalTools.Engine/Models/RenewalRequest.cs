namespace RenewalTools
{
    /// <summary>One instance the user asked to renew, after binding and normalisation.</summary>
    internal sealed class RenewalRequest : WriteRequest
    {
        public RenewalRequest(string instanceId, string region)
            : base(instanceId, region)
        {
        }

        public int? Period { get; set; }
        public PeriodUnit Unit { get; set; } = PeriodUnit.Month;
        /// <summary>The auto-renew flag the user asked for (row or command line); null when neither gave one.</summary>
        public string? RenewFlag { get; set; }
        /// <summary>The instance's own auto-renew flag, read before sending: kept when the user asked for none.</summary>
        public string? CurrentRenewFlag { get; set; }
        /// <summary>
        /// What the renewal sends: the flag asked for, else the instance's current one. Tencent documents the default
        /// NOTIFY_AND_MANUAL_RENEW for an omitted RenewFlag, so omitting it could switch auto-renewal off (policy-and-evidence.md §1).
        /// </summary>
        public string? RenewFlagToSend => RenewFlag ?? CurrentRenewFlag;
        public bool? RenewPortableDataDisk { get; set; }
        public int? ExpectedRenewDay { get; set; }
        /// <summary>The expiry the cloud reported before this renewal (pre-read, or the journal of an earlier run).</summary>
        public System.DateTimeOffset? PreviousExpiry { get; set; }
        /// <summary>Idempotency token (ECS); derived once so every resend carries the same one.</summary>
        public string? ClientToken { get; set; }
        /// <summary>The earlier run's attempt is to be settled from the cloud's records before anything is sent (not with -ResendUnknown).</summary>
        public bool SettleEarlierAttempt { get; set; }
        /// <summary>When the earlier run's unanswered attempt was sent (journal).</summary>
        public System.DateTimeOffset? EarlierAttemptAt { get; set; }
        /// <summary>
        /// CVM: the LatestOperationRequestId read before the first attempt ("" when the instance had no operation; null when
        /// not known). A newer one after an unanswered attempt is that attempt's operation.
        /// </summary>
        public string? OperationBefore { get; set; }
        /// <summary>What the quote before sending said the renewal costs (-MaxTotalPrice), and in which currency.</summary>
        public decimal? Price { get; set; }
        public string? Currency { get; set; }
        /// <summary>The period as results and quotes report it: none for a renewal to the unified expiry day (ECS).</summary>
        public int? ReportedPeriod => ExpectedRenewDay.HasValue ? null : Period;

        public string? ReportedUnit => ExpectedRenewDay.HasValue ? null : Unit.ToString();
    }
}
