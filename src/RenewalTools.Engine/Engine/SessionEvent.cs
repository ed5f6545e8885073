using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    internal enum SessionEventKind
    {
        Result,
        Verbose,
        Debug,
        Warning,
    }

    /// <summary>Something for the pipeline thread to write: engine threads never touch PowerShell.</summary>
    internal sealed class SessionEvent
    {
        private SessionEvent(SessionEventKind kind, string? text, RenewalResult? result, ErrorClass? failure)
        {
            Kind = kind;
            Text = text;
            Result = result;
            Failure = failure;
        }

        public SessionEventKind Kind { get; }
        public string? Text { get; }
        public RenewalResult? Result { get; }
        /// <summary>For a Failed or Unknown result: the classified error behind it.</summary>
        public ErrorClass? Failure { get; }

        public static SessionEvent ForResult(RenewalResult result, ErrorClass? failure) => new SessionEvent(SessionEventKind.Result, null, result, failure);

        public static SessionEvent Message(SessionEventKind kind, string text) => new SessionEvent(kind, text, null, null);
    }
}
