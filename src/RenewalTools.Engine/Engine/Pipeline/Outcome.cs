using System;
using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>The one outcome of one input: the pipeline decides it, the action turns it into its typed result.</summary>
    internal sealed class Outcome
    {
        public Outcome(OutcomeKind kind, string? message = null, ErrorClass? failure = null, ApiAnswer? answer = null)
        {
            Kind = kind;
            Message = message;
            Failure = failure;
            Answer = answer;
        }

        public OutcomeKind Kind { get; }
        public string? Message { get; }
        /// <summary>The classified error behind a Failed or Unknown outcome.</summary>
        public ErrorClass? Failure { get; }
        /// <summary>The answer of the request that carried the instance, when one arrived.</summary>
        public ApiAnswer? Answer { get; set; }
        /// <summary>A code for an outcome without a cloud error (NotDue, DuplicateInput, a stop).</summary>
        public string? Code { get; set; }
        /// <summary>The instance as last read from the cloud (before sending, or back after).</summary>
        public CloudInstance? Instance { get; set; }
        /// <summary>The expiry the cloud's records show after the write, when they show one.</summary>
        public DateTimeOffset? NewExpiry { get; set; }

        /// <summary>The same outcome, its message led by <paramref name="context"/>.</summary>
        public Outcome WithContext(string context) => new Outcome(Kind, string.IsNullOrEmpty(Message) ? context : context + " " + Message, Failure, Answer)
        {
            Code = Code,
            Instance = Instance,
            NewExpiry = NewExpiry,
        };

        public static Outcome Failed(ErrorClass failure, string? message, ApiAnswer? answer = null) => new Outcome(OutcomeKind.Failed, message, failure, answer);

        public static Outcome Unknown(ErrorClass failure, string? message, ApiAnswer? answer = null) => new Outcome(OutcomeKind.Unknown, message, failure, answer);

        public static Outcome Skipped(string message, string? code) => new Outcome(OutcomeKind.Skipped, message) { Code = code };
    }
}
