namespace RenewalTools.Errors
{
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
}
