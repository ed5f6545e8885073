namespace RenewalTools.Engine.Pipeline
{
    /// <summary>How one input of a write run ended, before an action names it in its own result's words.</summary>
    internal enum OutcomeKind
    {
        /// <summary>The cloud's state shows the write (Renewed, Changed).</summary>
        Done,
        /// <summary>Accepted (or proven executed) but not yet visible in the cloud's state.</summary>
        Submitted,
        /// <summary>The cloud already showed what was asked: nothing was sent.</summary>
        Unchanged,
        Failed,
        /// <summary>May have executed, and nothing settles it.</summary>
        Unknown,
        Skipped,
    }
}
