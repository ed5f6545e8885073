using System;
using System.Collections.Generic;
using System.Threading;
using RenewalTools.Errors;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// The state one write run shares between its stages: the action, the request path, the stop signals, and the queue of
    /// results and messages the pipeline thread writes. <see cref="Complete"/> is the only way an input ends.
    /// </summary>
    internal sealed class RunScope<TRequest>
        where TRequest : WriteRequest
    {
        public const string StoppedCode = "RenewalTools.Stopped";

        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly CancellationTokenSource _abort = new CancellationTokenSource();

        public RunScope(WriteAction<TRequest> action, CloudCaller caller, RunEvents events)
        {
            Action = action;
            Caller = caller;
            Events = events;
        }

        public RunEvents Events { get; }

        public WriteAction<TRequest> Action { get; }
        public CloudCaller Caller { get; }
        public RenewalOptions Options => Action.Options;
        public string Service => Action.Api.Service;

        /// <summary>Ctrl+C (or a lost lock): nothing new is sent.</summary>
        public CancellationToken Stopping => _stop.Token;

        /// <summary>Requests in flight are abandoned: <see cref="RenewalOptions.StopGrace"/> after <see cref="Stopping"/>.</summary>
        public CancellationToken Aborting => _abort.Token;

        public void Stop()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            _stop.Cancel();
            _abort.CancelAfter(Options.StopGrace);
        }

        public void Post(SessionEventKind kind, string text) => Events.Post(kind, text);

        /// <summary>A refusal of the whole run before anything was sent: one terminating error; its held inputs end silently.</summary>
        public void Refuse(ErrorClass refusal, string message, IEnumerable<TRequest> held)
        {
            var count = 0;
            foreach (var r in held)
            {
                r.Completed = true;
                count++;
            }
            Events.Refuse(SessionEvent.ForRefusal(refusal, message), count);
        }

        /// <summary>Ends one input with its one outcome.</summary>
        public void Complete(TRequest request, Outcome outcome)
        {
            request.Completed = true;
            var result = Action.Result(request, outcome);
            Events.Finish(SessionEvent.ForResult(result, outcome.Kind, outcome.Failure));
        }

        /// <summary>
        /// Ends what a settlement decided and returns what it proved not executed (to be sent again).
        /// <paramref name="context"/> leads the message of an input left Unknown.
        /// </summary>
        public List<TRequest> CompleteSettled(IEnumerable<Settled<TRequest>> settled, string? context)
        {
            var resend = new List<TRequest>();
            foreach (var s in settled)
            {
                if (s.Outcome is null)
                {
                    Post(SessionEventKind.Verbose, s.Request.InstanceId + ": did not execute (" + s.Reason + ").");
                    resend.Add(s.Request);
                }
                else
                {
                    Complete(s.Request, s.Outcome.Kind == OutcomeKind.Unknown && context != null ? s.Outcome.WithContext(context) : s.Outcome);
                }
            }
            return resend;
        }

        /// <summary>
        /// Inputs the run stopped before they were sent: Skipped, or Unknown when an attempt for them may have executed (then
        /// a resend could do the write twice).
        /// </summary>
        public void CompleteStopped(IEnumerable<TRequest> requests, ErrorClass? maybeExecuted)
        {
            foreach (var r in requests)
            {
                Complete(r, maybeExecuted != null
                    ? Outcome.Unknown(maybeExecuted, "The run was stopped before a resend could settle the earlier attempt.")
                    : Outcome.Skipped("Not sent: the run was stopped first.", StoppedCode));
            }
        }
    }
}
