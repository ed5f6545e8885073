using RenewalTools.Engine.Pipeline;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>Something for the pipeline thread to write: engine threads never touch PowerShell.</summary>
    internal sealed class SessionEvent
    {
        private SessionEvent(SessionEventKind kind, string? text, object? result, ErrorClass? failure, RenewalQuote? quote = null, OutcomeKind? outcome = null)
        {
            Kind = kind;
            Text = text;
            Result = result;
            Failure = failure;
            Quote = quote;
            Outcome = outcome;
        }

        public SessionEventKind Kind { get; }
        public string? Text { get; }
        /// <summary>The typed result of one input (a RenewalResult, an AutoRenewResult).</summary>
        public object? Result { get; }
        /// <summary>How that input ended.</summary>
        public OutcomeKind? Outcome { get; }
        /// <summary>For a Failed or Unknown result: the classified error behind it.</summary>
        public ErrorClass? Failure { get; }
        public RenewalQuote? Quote { get; }

        public static SessionEvent ForResult(object result, OutcomeKind outcome, ErrorClass? failure) => new SessionEvent(SessionEventKind.Result, null, result, failure, null, outcome);

        public static SessionEvent ForQuote(RenewalQuote quote) => new SessionEvent(SessionEventKind.Quote, null, null, null, quote);

        public static SessionEvent ForRefusal(ErrorClass refusal, string message) => new SessionEvent(SessionEventKind.Refusal, message, null, refusal);

        public static SessionEvent Message(SessionEventKind kind, string text) => new SessionEvent(kind, text, null, null);
    }
}
