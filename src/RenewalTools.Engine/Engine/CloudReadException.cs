using System;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>A read that could not be completed: refused, or out of retries.</summary>
    internal sealed class CloudReadException : Exception
    {
        public CloudReadException(ErrorClass failure, string message)
            : base(message)
        {
            Failure = failure;
        }

        public ErrorClass Failure { get; }
    }
}
