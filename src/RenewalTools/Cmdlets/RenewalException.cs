using System;

namespace RenewalTools
{
    /// <summary>The exception behind every renewal ErrorRecord; carries the result so catch blocks can read it.</summary>
    public sealed class RenewalException : Exception
    {
        /// <summary>An error of a RenewalTools command.</summary>
        public RenewalException()
        {
        }

        /// <summary>An error of a RenewalTools command, with its message.</summary>
        public RenewalException(string message)
            : base(message)
        {
        }

        /// <summary>An error of a RenewalTools command, with its message and cause.</summary>
        public RenewalException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        /// <summary>The error record's exception for one input's Failed or Unknown result.</summary>
        public RenewalException(string message, object? result)
            : base(message)
        {
            Result = result;
        }

        /// <summary>The result the error is about: a RenewalResult or an AutoRenewResult.</summary>
        public object? Result { get; }
    }
}
