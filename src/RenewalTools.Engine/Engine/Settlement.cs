using System;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>How an unanswered attempt was settled for one instance: a final result, or "did not execute: send again".</summary>
    internal sealed class Settlement
    {
        private Settlement(RenewalRequest request, RenewalStatus? status, ErrorClass? failure, string message, DateTimeOffset? newExpiry)
        {
            Request = request;
            Status = status;
            Failure = failure;
            Message = message;
            NewExpiry = newExpiry;
        }

        public RenewalRequest Request { get; }
        /// <summary>Null: the evidence shows nothing executed, so the renewal may be sent again.</summary>
        public RenewalStatus? Status { get; }
        public ErrorClass? Failure { get; }
        public string Message { get; }
        public DateTimeOffset? NewExpiry { get; }
        public bool Resend => Status is null;

        public static Settlement Final(RenewalRequest request, RenewalStatus status, ErrorClass? failure, string message, DateTimeOffset? newExpiry = null) =>
            new Settlement(request, status, failure, message, newExpiry);

        public static Settlement SendAgain(RenewalRequest request, string message) => new Settlement(request, null, null, message, null);
    }
}
