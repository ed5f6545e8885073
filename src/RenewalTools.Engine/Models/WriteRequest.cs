using System;

namespace RenewalTools
{
    /// <summary>
    /// One input instance of a write run (a renewal, an auto-renew policy): what the derived request asks for, and what
    /// this run has done with it so far.
    /// </summary>
    internal abstract class WriteRequest
    {
        protected WriteRequest(string instanceId, string region)
        {
            InstanceId = instanceId;
            Region = region;
        }

        public string InstanceId { get; }
        public string Region { get; }
        /// <summary>When the first attempt that may have executed was sent (this run's, or a journal's).</summary>
        public DateTimeOffset? FirstAttemptAt { get; set; }
        /// <summary>A journal records an attempt by an earlier run that may have executed: a refusal now cannot mean "not done".</summary>
        public bool EarlierAttemptMayHaveExecuted { get; set; }
        /// <summary>Requests sent that carried this instance.</summary>
        public int Attempts { get; set; }
        /// <summary>Its one result has been queued.</summary>
        public bool Completed { get; set; }

        public string Describe() => InstanceId + " (" + Region + ")";
    }
}
