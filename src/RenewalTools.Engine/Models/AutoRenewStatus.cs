namespace RenewalTools
{
    /// <summary>What happened to one input of Set-*AutoRenew.</summary>
    public enum AutoRenewStatus
    {
        /// <summary>The cloud reads back the policy asked for, set by this run.</summary>
        Changed,
        /// <summary>The instance already had the policy asked for: nothing was sent.</summary>
        Unchanged,
        /// <summary>The cloud accepted the change but did not read back the new policy within -WaitTimeoutSec.</summary>
        Submitted,
        /// <summary>The cloud refused it, or the input was invalid: the policy was not changed.</summary>
        Failed,
        /// <summary>Whether the change was applied is not known (no answer, and the retries ran out).</summary>
        Unknown,
        /// <summary>Not sent (the run was stopped, or the instance was listed twice).</summary>
        Skipped,
    }
}
