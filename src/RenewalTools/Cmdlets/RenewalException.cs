using System;

namespace RenewalTools
{
    /// <summary>The exception behind every renewal ErrorRecord; carries the result so catch blocks can read it.</summary>
    public sealed class RenewalException : Exception
    {
        public RenewalException()
        {
        }

        public RenewalException(string message)
            : base(message)
        {
        }

        public RenewalException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public RenewalException(string message, object? result)
            : base(message)
        {
            Result = result;
        }

        public object? Result { get; }
    }
}
