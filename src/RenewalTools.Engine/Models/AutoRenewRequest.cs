namespace RenewalTools
{
    /// <summary>One instance whose auto-renew policy is to be set, after binding and normalisation.</summary>
    internal sealed class AutoRenewRequest : WriteRequest
    {
        public AutoRenewRequest(string instanceId, string region)
            : base(instanceId, region)
        {
        }

        /// <summary>The policy asked for (row or command line); null when neither gave one (refused).</summary>
        public AutoRenewPolicy? Policy { get; set; }
        /// <summary>ECS: the auto-renew period, with <see cref="PeriodUnit"/> Month or Year.</summary>
        public int? Duration { get; set; }
        public string? PeriodUnit { get; set; }
        /// <summary>The policy read before sending.</summary>
        public AutoRenewPolicy? PreviousPolicy { get; set; }
        /// <summary>The instance as read before sending.</summary>
        public CloudInstance? Before { get; set; }
    }
}
