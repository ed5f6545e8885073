using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    internal enum SessionEventKind
    {
        Result,
        Verbose,
        Debug,
        Warning,
        /// <summary>The run is refused before anything was sent (spend checks): one terminating error, nothing else.</summary>
        Refusal,
        /// <summary>A price quote (Get-*RenewalQuote).</summary>
        Quote,
    }

    /// <summary>Something for the pipeline thread to write: engine threads never touch PowerShell.</summary>
    internal sealed class SessionEvent
    {
        private SessionEvent(SessionEventKind kind, string? text, RenewalResult? result, ErrorClass? failure, RenewalQuote? quote = null)
        {
            Kind = kind;
            Text = text;
            Result = result;
            Failure = failure;
            Quote = quote;
        }

        public SessionEventKind Kind { get; }
        public string? Text { get; }
        public RenewalResult? Result { get; }
        /// <summary>For a Failed or Unknown result: the classified error behind it.</summary>
        public ErrorClass? Failure { get; }
        public RenewalQuote? Quote { get; }

        public static SessionEvent ForResult(RenewalResult result, ErrorClass? failure) => new SessionEvent(SessionEventKind.Result, null, result, failure);

        public static SessionEvent ForQuote(RenewalQuote quote) => new SessionEvent(SessionEventKind.Quote, null, null, null, quote);

        public static SessionEvent ForRefusal(ErrorClass refusal, string message) => new SessionEvent(SessionEventKind.Refusal, message, null, refusal);

        public static SessionEvent Message(SessionEventKind kind, string text) => new SessionEvent(kind, text, null, null);
    }
}
