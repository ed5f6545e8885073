using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Credentials;
using RenewalTools.Errors;
using RenewalTools.Transport;

namespace RenewalTools.Engine
{
    /// <summary>
    /// One run of a renewal cmdlet: batches confirmed instances, sends them concurrently under the rate limit,
    /// retries only what cannot charge twice, isolates bad instances, and reports exactly one result per instance.
    /// Results and messages are queued for the pipeline thread to write.
    /// </summary>
    internal sealed class RenewalSession : IDisposable
    {
        public const string StoppedCode = "RenewalTools.Stopped";

        private readonly RenewalApi _api;
        private readonly CloudCaller _caller;
        private readonly RenewalOptions _options;
        private readonly IRenewalJournal? _journal;
        private readonly RatePacer _pacer;
        private readonly SemaphoreSlim _gate;
        private readonly BlockingCollection<SessionEvent> _events = new BlockingCollection<SessionEvent>();
        private readonly Dictionary<string, List<RenewalRequest>> _pending = new Dictionary<string, List<RenewalRequest>>(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly CancellationTokenSource _abort = new CancellationTokenSource();
        private int _outstanding;
        private int _running;

        public RenewalSession(RenewalApi api, CloudCredential credential, Uri? endpoint, RenewalOptions options, IRenewalJournal? journal)
            : this(api, new CloudCaller(credential, endpoint, options.Timeout), options, journal)
        {
        }

        public RenewalSession(RenewalApi api, CloudCaller caller, RenewalOptions options, IRenewalJournal? journal)
        {
            _api = api;
            _caller = caller;
            _options = options;
            _journal = journal;
            _gate = new SemaphoreSlim(Math.Max(1, options.ThrottleLimit));
            _pacer = caller.PacerFor(api, (options.RequestsPerSecond ?? api.RequestsPerSecond) * options.PacingHeadroom);
        }

        /// <summary>Instances accepted whose result has not been queued yet.</summary>
        public int Outstanding => Volatile.Read(ref _outstanding);

        public bool IsStopping => _stop.IsCancellationRequested;

        /// <summary>Accepts one confirmed instance; a full batch is sent at once (pipeline thread only).</summary>
        public void Enqueue(RenewalRequest request)
        {
            Interlocked.Increment(ref _outstanding);
            _api.Prepare(request);
            var key = _api.BatchKey(request);
            if (!_pending.TryGetValue(key, out var batch))
            {
                batch = new List<RenewalRequest>(Math.Min(_api.MaxBatchSize, 16));
                _pending[key] = batch;
            }
            batch.Add(request);
            if (batch.Count >= _api.MaxBatchSize)
            {
                _pending.Remove(key);
                Dispatch(batch);
            }
        }

        /// <summary>Sends the partial batches (pipeline thread only, at the end of input).</summary>
        public void Flush()
        {
            var batches = _pending.Values.ToList();
            _pending.Clear();
            foreach (var batch in batches)
            {
                Dispatch(batch);
            }
        }

        /// <summary>Next thing to write, waiting up to <paramref name="timeout"/>.</summary>
        public bool TryTake(out SessionEvent item, TimeSpan timeout) => _events.TryTake(out item!, timeout);

        /// <summary>Ctrl+C: nothing new is sent; requests in flight get <see cref="RenewalOptions.StopGrace"/> to answer.</summary>
        public void Stop()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            _stop.Cancel();
            _abort.CancelAfter(_options.StopGrace);
        }

        /// <summary>Stops and waits (bounded) for running requests, so every request sent ends with an outcome in the journal.</summary>
        public void Dispose()
        {
            Stop();
            var deadline = DateTime.UtcNow + _options.StopGrace + TimeSpan.FromSeconds(2);
            while (Volatile.Read(ref _running) > 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }

        private void Dispatch(List<RenewalRequest> batch)
        {
            Interlocked.Increment(ref _running);
            Task.Run(async () =>
            {
                try
                {
                    await RunAsync(batch).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    // A bug must not lose an instance: whatever was sent is Unknown, the rest were never sent.
                    foreach (var r in batch.Where(r => !r.Completed))
                    {
                        var failure = ErrorCatalog.Transport.Classify(TransportCodes.UnreadableResponse);
                        Complete(r, r.Attempts > 0 ? RenewalStatus.Unknown : RenewalStatus.Failed, null, failure, "Internal error: " + ex.Message);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
            });
        }

        private async Task RunAsync(IReadOnlyList<RenewalRequest> batch)
        {
            var attempt = 0;
            var budgets = new RetryBudgets(_options);
            // A journal that recorded an unanswered attempt by an earlier run counts like one of this run's.
            ErrorClass? lastMaybeExecuted = batch.Any(r => r.EarlierAttemptMayHaveExecuted) ? ErrorCatalog.Transport.Classify(TransportCodes.PreviousRunUnknown) : null;
            while (true)
            {
                if (!await WaitForTurnAsync().ConfigureAwait(false))
                {
                    CompleteStopped(batch, lastMaybeExecuted);
                    return;
                }

                CallOutcome outcome;
                attempt++;
                try
                {
                    foreach (var r in batch)
                    {
                        r.Attempts++;
                    }
                    _journal?.RecordIntent(batch, _api.Service, _api.Action, attempt);
                    outcome = await _caller.CallAsync(_api, context => _api.BuildRequest(batch, context), text => Post(SessionEventKind.Debug, text + ", " + batch.Count + " instance(s)"), _abort.Token).ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }

                var answer = outcome.Answer;
                var call = _api.Service + " " + _api.Action + " " + batch[0].Region + ": " + batch.Count + " instance(s), attempt " + attempt;
                if (outcome.Accepted)
                {
                    Post(SessionEventKind.Verbose, call + " -> accepted, RequestId " + answer!.RequestId + ", " + Ms(outcome.Exchange.Elapsed));
                    foreach (var r in batch)
                    {
                        Complete(r, _api.SuccessStatus, answer, null, null);
                    }
                    return;
                }

                var failure = outcome.Failure!;
                var message = outcome.Message;
                Post(SessionEventKind.Verbose, call + " -> " + failure.Code + " (" + failure.Kind + ")" + (answer?.RequestId is null ? "" : ", RequestId " + answer.RequestId) + ", " + Ms(outcome.Exchange.Elapsed));
                if (failure.Kind == ErrorKind.MayHaveExecuted)
                {
                    lastMaybeExecuted = failure;
                }
                var withinBudget = budgets.Allow(failure, out var failuresOfThisKind);
                switch (Decide(failure, withinBudget, failuresOfThisKind, batch.Count, outcome, ref message))
                {
                    case Decision.Retry:
                        Post(SessionEventKind.Debug, "Backing off after " + failure.Code);
                        if (!await budgets.BackoffAsync(failuresOfThisKind, _stop.Token).ConfigureAwait(false))
                        {
                            CompleteStopped(batch, lastMaybeExecuted);
                            return;
                        }
                        continue;
                    case Decision.Split:
                        Post(SessionEventKind.Verbose, call + " -> splitting to isolate the instance behind " + failure.Code);
                        var half = batch.Count / 2;
                        await Task.WhenAll(RunAsync(batch.Take(half).ToList()), RunAsync(batch.Skip(half).ToList())).ConfigureAwait(false);
                        return;
                    case Decision.Unknown:
                        foreach (var r in batch)
                        {
                            Complete(r, RenewalStatus.Unknown, answer, failure, message);
                        }
                        return;
                    default:
                        CompleteRefused(batch, answer, failure, message, lastMaybeExecuted);
                        return;
                }
            }
        }

        private enum Decision
        {
            Retry,
            Split,
            Fail,
            Unknown,
        }

        /// <param name="failures">How many failures of this kind the batch has had, this one included.</param>
        /// <param name="withinBudget">The retry budget for this kind of failure allows another attempt.</param>
        private Decision Decide(ErrorClass failure, bool withinBudget, int failures, int batchSize, CallOutcome outcome, ref string message)
        {
            if (failure.ClockSkew && failure.Kind == ErrorKind.SafeToRetry)
            {
                if (_caller.TryCorrectClock(outcome, out var warning))
                {
                    if (warning != null)
                    {
                        Post(SessionEventKind.Warning, warning);
                    }
                    return Decision.Retry;
                }
                message += " The clock skew could not be corrected from the server's Date header: check this machine's clock (NTP).";
                return Decision.Fail;
            }
            switch (failure.Kind)
            {
                case ErrorKind.SafeToRetry:
                    if (withinBudget)
                    {
                        return Decision.Retry;
                    }
                    message += " Gave up after " + failures + " refusals.";
                    return Decision.Fail;
                case ErrorKind.MayHaveExecuted:
                    return _api.ResendIsHarmless && withinBudget ? Decision.Retry : Decision.Unknown;
                default:
                    // Nothing executed, so a split cannot charge twice; only instance-caused errors are worth isolating.
                    return batchSize > 1 && failure.Scope == ErrorScope.Instance ? Decision.Split : Decision.Fail;
            }
        }

        /// <summary>
        /// A refusal ends the batch as Failed only when no attempt for it may have executed: otherwise an earlier attempt
        /// could have renewed it, and Failed would invite a rerun to charge again (issue #12). It stays Unknown instead.
        /// </summary>
        private void CompleteRefused(IReadOnlyList<RenewalRequest> batch, ApiAnswer? answer, ErrorClass failure, string message, ErrorClass? maybeExecuted)
        {
            foreach (var r in batch)
            {
                if (maybeExecuted is null)
                {
                    Complete(r, RenewalStatus.Failed, answer, failure, message);
                }
                else
                {
                    Complete(r, RenewalStatus.Unknown, answer, maybeExecuted, "An earlier attempt may have executed, and the last one was refused (" + Join(failure.Code + ": " + failure.Meaning, message) + "), so whether it renewed is not known.");
                }
            }
        }

        private async Task<bool> WaitForTurnAsync()
        {
            try
            {
                await _pacer.WaitAsync(_stop.Token).ConfigureAwait(false);
                await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
                if (_stop.IsCancellationRequested)
                {
                    _gate.Release();
                    return false;
                }
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private void CompleteStopped(IReadOnlyList<RenewalRequest> batch, ErrorClass? maybeExecuted)
        {
            foreach (var r in batch)
            {
                if (maybeExecuted != null)
                {
                    Complete(r, RenewalStatus.Unknown, null, maybeExecuted, "The run was stopped before a resend could settle the earlier attempt.");
                }
                else
                {
                    Complete(r, RenewalStatus.Skipped, null, null, "Not sent: the run was stopped first.", StoppedCode);
                }
            }
        }

        private void Complete(RenewalRequest r, RenewalStatus status, ApiAnswer? answer, ErrorClass? failure, string? message, string? code = null)
        {
            r.Completed = true;
            var result = new RenewalResult
            {
                Service = _api.Service,
                Action = _api.Action,
                InstanceId = r.InstanceId,
                Region = r.Region,
                Period = r.ExpectedRenewDay.HasValue ? null : r.Period,
                PeriodUnit = r.ExpectedRenewDay.HasValue ? null : r.Unit.ToString(),
                Status = status,
                ErrorCode = failure?.Code ?? code,
                ErrorClass = failure?.Kind.ToString(),
                Message = failure is null ? message : Join(failure.Meaning, message),
                RequestId = answer?.RequestId,
                DealId = answer?.DealId,
                OrderId = answer?.OrderId,
                Attempts = r.Attempts,
                ClientToken = r.ClientToken,
                CompletedAt = DateTimeOffset.UtcNow,
            };
            _journal?.RecordOutcome(result);
            _events.Add(SessionEvent.ForResult(result, failure));
            Interlocked.Decrement(ref _outstanding);
        }

        private static string Join(string meaning, string? detail) =>
            string.IsNullOrWhiteSpace(detail) ? meaning : meaning + " " + detail!.Trim();

        private void Post(SessionEventKind kind, string text) => _events.Add(SessionEvent.Message(kind, text));

        private static string Ms(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
