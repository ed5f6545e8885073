namespace RenewalTools.Errors
{
    /// <summary>What a retry would do.</summary>
    internal enum ErrorKind
    {
        /// <summary>The cloud certainly did not execute the request: resending cannot charge twice.</summary>
        SafeToRetry,
        /// <summary>Refused; resending the same request would be refused again.</summary>
        Final,
        /// <summary>The request may have executed: only an idempotent resend (ECS ClientToken) is harmless.</summary>
        MayHaveExecuted,
    }
}
