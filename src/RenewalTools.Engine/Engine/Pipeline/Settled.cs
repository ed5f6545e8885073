namespace RenewalTools.Engine.Pipeline
{
    /// <summary>How an attempt whose answer was lost was settled for one input: its final outcome, or "did not execute: send again".</summary>
    internal sealed class Settled<TRequest>
        where TRequest : WriteRequest
    {
        private Settled(TRequest request, Outcome? outcome, string reason)
        {
            Request = request;
            Outcome = outcome;
            Reason = reason;
        }

        public TRequest Request { get; }
        /// <summary>Null: the evidence shows nothing executed, so the write may be sent again.</summary>
        public Outcome? Outcome { get; }
        /// <summary>Why it may be sent again (the evidence of non-execution).</summary>
        public string Reason { get; }

        public static Settled<TRequest> Final(TRequest request, Outcome outcome) => new Settled<TRequest>(request, outcome, "");

        public static Settled<TRequest> SendAgain(TRequest request, string reason) => new Settled<TRequest>(request, null, reason);
    }
}
