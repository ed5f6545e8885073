using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// Sends one batch under the run's one retry policy: paced under the action's limit, at most ThrottleLimit in flight;
    /// retried only on a refusal that proves nothing executed, or where the action makes a resend harmless; a lost answer
    /// otherwise goes to the action's evidence (<see cref="WriteAction{TRequest}.SettleAsync"/>) and only what is proven
    /// not executed is sent again; an instance the cloud refuses is isolated by splitting; an accepted batch is verified
    /// by reading back (<see cref="ReadBack{TRequest}"/>).
    /// </summary>
    internal sealed class BatchSender<TRequest>
        where TRequest : WriteRequest
    {
        private readonly RunScope<TRequest> _run;
        private readonly RatePacer _pacer;
        private readonly SemaphoreSlim _inFlight;
        private readonly ReadBack<TRequest> _readBack;

        public BatchSender(RunScope<TRequest> run)
        {
            _run = run;
            var api = run.Action.Api;
            _inFlight = new SemaphoreSlim(Math.Max(1, run.Options.ThrottleLimit));
            _pacer = run.Caller.PacerFor(api, (run.Options.RequestsPerSecond ?? api.RequestsPerSecond) * run.Options.PacingHeadroom);
            _readBack = new ReadBack<TRequest>(run);
        }

        /// <param name="maybeExecuted">Set when this batch is part of one whose earlier attempt may have executed (a split).</param>
        public async Task SendAsync(IReadOnlyList<TRequest> batch, ErrorClass? maybeExecuted = null)
        {
            var action = _run.Action;
            var api = action.Api;
            var attempt = 0;
            foreach (var r in batch)
            {
                r.FirstAttemptAt ??= DateTimeOffset.UtcNow;
            }
            var budgets = new RetryBudgets(_run.Options);
            // A journal that recorded an unanswered attempt by an earlier run counts like one of this run's.
            ErrorClass? lastMaybeExecuted = maybeExecuted ?? (batch.Any(r => r.EarlierAttemptMayHaveExecuted) ? ErrorCatalog.Transport.Classify(TransportCodes.PreviousRunUnknown) : null);
            while (true)
            {
                if (!await WaitForTurnAsync().ConfigureAwait(false))
                {
                    _run.CompleteStopped(batch, lastMaybeExecuted);
                    return;
                }

                CallOutcome outcome;
                attempt++;
                try
                {
                    if (!RecordIntent(batch, attempt, lastMaybeExecuted))
                    {
                        return;
                    }
                    foreach (var r in batch)
                    {
                        r.Attempts++;
                    }
                    outcome = await _run.Caller.CallAsync(api, context => api.BuildRequest(batch, context), text => _run.Post(SessionEventKind.Debug, text + ", " + batch.Count + " instance(s)"), _run.Aborting).ConfigureAwait(false);
                }
                finally
                {
                    _inFlight.Release();
                }

                var answer = outcome.Answer;
                var call = api.Service + " " + api.Action + " " + batch[0].Region + ": " + batch.Count + " instance(s), attempt " + attempt;
                if (outcome.Accepted)
                {
                    _run.Post(SessionEventKind.Verbose, call + " -> accepted, RequestId " + answer!.RequestId + ", " + Ms(outcome.Exchange.Elapsed));
                    if (action.CanVerify(batch))
                    {
                        await _readBack.VerifyAsync(batch, answer!).ConfigureAwait(false);
                        return;
                    }
                    foreach (var r in batch)
                    {
                        _run.Complete(r, action.Accepted(r, answer!, readBack: false));
                    }
                    return;
                }

                var failure = outcome.Failure!;
                var message = outcome.Message;
                _run.Post(SessionEventKind.Verbose, call + " -> " + failure.Code + " (" + failure.Kind + ")" + (answer?.RequestId is null ? "" : ", RequestId " + answer.RequestId) + ", " + Ms(outcome.Exchange.Elapsed));
                if (failure.Kind == ErrorKind.MayHaveExecuted)
                {
                    lastMaybeExecuted = failure;
                }
                // A refusal after an attempt that may have executed may be caused by that attempt (CVM refuses a change
                // while its own operation runs): the batch is settled from the cloud's state, not split.
                var canSplit = batch.Count > 1 && !(lastMaybeExecuted != null && action.CanSettle(batch));
                switch (RetryPolicy.Decide(_run.Caller, outcome, budgets, api.ResendIsHarmless, canSplit, _run.Post, ref message, out var failuresOfThisKind))
                {
                    case RetryDecision.RetryNow:
                        continue;
                    case RetryDecision.Retry:
                        _run.Post(SessionEventKind.Debug, "Backing off after " + failure.Code);
                        if (!await budgets.BackoffAsync(failuresOfThisKind, _run.Stopping).ConfigureAwait(false))
                        {
                            _run.CompleteStopped(batch, lastMaybeExecuted);
                            return;
                        }
                        continue;
                    case RetryDecision.Split:
                        _run.Post(SessionEventKind.Verbose, call + " -> splitting to isolate the instance behind " + failure.Code);
                        var half = batch.Count / 2;
                        await Task.WhenAll(SendAsync(batch.Take(half).ToList(), lastMaybeExecuted), SendAsync(batch.Skip(half).ToList(), lastMaybeExecuted)).ConfigureAwait(false);
                        return;
                    case RetryDecision.Unknown:
                        if (!action.CanSettle(batch))
                        {
                            foreach (var r in batch)
                            {
                                _run.Complete(r, Outcome.Unknown(failure, message, answer));
                            }
                            return;
                        }
                        // May have executed: only the cloud's records settle it, and only evidence of non-execution allows a resend.
                        var resend = _run.CompleteSettled(await action.SettleAsync(batch, failure, DateTimeOffset.UtcNow, _run.Stopping).ConfigureAwait(false), null);
                        if (resend.Count == 0)
                        {
                            return;
                        }
                        var proven = ErrorCatalog.Reads.Classify(ReadCodes.DidNotExecute);
                        if (!budgets.Allow(proven, out var resends))
                        {
                            CompleteRefused(resend, answer, proven, "Gave up after " + resends + " attempts that did not execute.", null);
                            return;
                        }
                        _run.Post(SessionEventKind.Verbose, api.Service + " " + batch[0].Region + ": " + resend.Count + " instance(s) after " + failure.Code + ": it did not execute; sending again with a fresh signature.");
                        batch = resend;
                        lastMaybeExecuted = null;
                        continue;
                    default:
                        if (lastMaybeExecuted != null && action.CanSettle(batch))
                        {
                            // Proven not executed, the refusal stands: nothing was done.
                            var notExecuted = _run.CompleteSettled(
                                await action.SettleAsync(batch, lastMaybeExecuted, DateTimeOffset.UtcNow, _run.Stopping).ConfigureAwait(false),
                                "An earlier attempt may have executed, and the last one was refused (" + Join(failure.Code + ": " + failure.Meaning, message) + ").");
                            if (notExecuted.Count > 1 && failure.Scope == ErrorScope.Instance)
                            {
                                // Nothing of these executed: isolating the instance behind the refusal cannot do anything twice.
                                var part = notExecuted.Count / 2;
                                await Task.WhenAll(SendAsync(notExecuted.Take(part).ToList()), SendAsync(notExecuted.Skip(part).ToList())).ConfigureAwait(false);
                                return;
                            }
                            CompleteRefused(notExecuted, answer, failure, message, null);
                            return;
                        }
                        CompleteRefused(batch, answer, failure, message, lastMaybeExecuted);
                        return;
                }
            }
        }

        /// <summary>
        /// A refusal ends the batch as Failed only when no attempt for it may have executed: otherwise an earlier attempt
        /// could have done the write, and Failed would invite a rerun to do it again (issue #12). It stays Unknown instead.
        /// </summary>
        private void CompleteRefused(IReadOnlyList<TRequest> batch, ApiAnswer? answer, ErrorClass failure, string message, ErrorClass? maybeExecuted)
        {
            foreach (var r in batch)
            {
                _run.Complete(r, maybeExecuted is null
                    ? Outcome.Failed(failure, message, answer)
                    : Outcome.Unknown(maybeExecuted, "An earlier attempt may have executed, and the last one was refused (" + Join(failure.Code + ": " + failure.Meaning, message) + "), so whether it " + _run.Action.Effect + " is not known.", answer));
            }
        }

        /// <summary>
        /// The intent goes on record before the request leaves (a journal). When it cannot, nothing is sent: the batch is
        /// Failed, or Unknown where an earlier attempt may have executed; the attempt is not counted.
        /// </summary>
        private bool RecordIntent(IReadOnlyList<TRequest> batch, int attempt, ErrorClass? maybeExecuted)
        {
            try
            {
                _run.Action.RecordIntent(batch, attempt);
                return true;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                var failure = ErrorCatalog.Transport.Classify(TransportCodes.JournalUnavailable);
                foreach (var r in batch)
                {
                    _run.Complete(r, maybeExecuted is null ? Outcome.Failed(failure, ex.Message) : Outcome.Unknown(maybeExecuted, "An earlier attempt may have executed, and the journal could not record the next one (" + ex.Message + "); nothing more was sent."));
                }
                return false;
            }
        }

        private async Task<bool> WaitForTurnAsync()
        {
            try
            {
                await _pacer.WaitAsync(_run.Stopping).ConfigureAwait(false);
                await _inFlight.WaitAsync(_run.Stopping).ConfigureAwait(false);
                if (_run.Stopping.IsCancellationRequested)
                {
                    _inFlight.Release();
                    return false;
                }
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        internal static string Join(string meaning, string? detail) =>
            string.IsNullOrWhiteSpace(detail) ? meaning : meaning + " " + detail!.Trim();

        private static string Ms(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
