namespace RenewalTools.Engine
{
    /// <summary>What <see cref="RetryPolicy"/> decides after a failed request.</summary>
    internal enum RetryDecision
    {
        /// <summary>Again after a backoff.</summary>
        Retry,
        /// <summary>Again at once (the clock was corrected).</summary>
        RetryNow,
        /// <summary>Split the batch to isolate the instance refused.</summary>
        Split,
        Fail,
        /// <summary>May have executed and may not be resent: only evidence settles it.</summary>
        Unknown,
    }
}
