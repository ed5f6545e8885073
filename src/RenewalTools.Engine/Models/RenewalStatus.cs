namespace RenewalTools
{
    /// <summary>What happened to one input instance. One is written per input that was not declined or WhatIf'd.</summary>
    public enum RenewalStatus
    {
        /// <summary>The cloud accepted an asynchronous renewal (Tencent RenewInstances/RenewDBInstances answer before completion).</summary>
        Submitted,
        /// <summary>The cloud confirmed the renewal (an order or deal was created).</summary>
        Renewed,
        /// <summary>The cloud (or an input check) refused it; nothing was charged.</summary>
        Failed,
        /// <summary>The request may have executed but no answer came; it was not resent because a resend could charge twice.</summary>
        Unknown,
        /// <summary>Not sent: an earlier run (journal) or an earlier row of this run already covers it.</summary>
        Skipped,
    }
}
