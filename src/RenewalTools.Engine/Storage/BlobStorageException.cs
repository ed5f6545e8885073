using System.IO;

namespace RenewalTools.Storage
{
    /// <summary>Blob Storage refused a request or could not be reached; the message never carries a SAS signature.</summary>
    internal sealed class BlobStorageException : IOException
    {
        public BlobStorageException(string message, int status = 0, string? errorCode = null)
            : base(SasRedaction.Redact(message))
        {
            Status = status;
            ErrorCode = errorCode;
        }

        /// <summary>The HTTP status, or 0 when no answer was read.</summary>
        public int Status { get; }

        /// <summary>The service's x-ms-error-code (LeaseAlreadyPresent, AuthenticationFailed, ...), or a transport code.</summary>
        public string? ErrorCode { get; }
    }
}
