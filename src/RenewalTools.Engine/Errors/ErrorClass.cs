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

    /// <summary>Who caused it: one instance (so a batch can be split to isolate it) or the whole request/account.</summary>
    internal enum ErrorScope
    {
        Request,
        Instance,
    }

    /// <summary>Mirrors System.Management.Automation.ErrorCategory names; the cmdlet layer maps by name.</summary>
    internal enum FailureCategory
    {
        NotSpecified,
        AuthenticationError,
        PermissionDenied,
        ObjectNotFound,
        LimitsExceeded,
        QuotaExceeded,
        InvalidArgument,
        InvalidOperation,
        ResourceBusy,
        ResourceUnavailable,
        ConnectionError,
        OperationTimeout,
        InvalidResult,
        InvalidData,
        ReadError,
    }

    /// <summary>One named, classified error case.</summary>
    internal sealed class ErrorClass
    {
        public ErrorClass(string code, ErrorKind kind, FailureCategory category, ErrorScope scope, string meaning, bool clockSkew = false)
        {
            Code = code;
            Kind = kind;
            Category = category;
            Scope = scope;
            Meaning = meaning;
            ClockSkew = clockSkew;
        }

        public string Code { get; }
        public ErrorKind Kind { get; }
        public FailureCategory Category { get; }
        public ErrorScope Scope { get; }
        /// <summary>What it means for the operator, in one sentence.</summary>
        public string Meaning { get; }
        /// <summary>The request was refused for its timestamp: correct the clock from the server's Date header and resend.</summary>
        public bool ClockSkew { get; }
    }
}
