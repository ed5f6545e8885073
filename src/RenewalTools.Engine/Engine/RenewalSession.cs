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
        private readonly InstanceReads? _reads;
        private readonly UnansweredRenewals? _unanswered;
        private readonly Dictionary<string, List<RenewalRequest>> _unread = new Dictionary<string, List<RenewalRequest>>(StringComparer.Ordinal);
        private int _unconfirmedWarnings;
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
        private readonly SpendGate? _spend;
        private readonly List<RenewalRequest> _held = new List<RenewalRequest>();
        private readonly List<Task> _preReads = new List<Task>();
        private readonly object _balanceLock = new object();
        private Task? _balanceChecked;

        public RenewalSession(RenewalApi api, CloudCredential credential, Uri? endpoint, RenewalOptions options, IRenewalJournal? journal, InstanceReader? reader = null, SpendPlan? spend = null)
            : this(api, new CloudCaller(credential, endpoint, options.Timeout), options, journal, reader, spend)
        {
        }

        /// <param name="reader">The product's describe read: with it, instances are read before sending and read back after; without it (-NoWait), neither.</param>
        /// <param name="spend">Quotes, cap and balance: with a cap, every instance is held, priced and checked before the first renewal is sent.</param>
        public RenewalSession(RenewalApi api, CloudCaller caller, RenewalOptions options, IRenewalJournal? journal, InstanceReader? reader, SpendPlan? spend = null)
        {
            _api = api;
            _caller = caller;
            _reads = reader is null ? null : new InstanceReads(reader, caller, options, Post);
            // ECS needs no evidence: its ClientToken makes a resend the same order.
            _unanswered = _reads is null || api.ResendIsHarmless || !api.ListsOrders ? null : new UnansweredRenewals(api, _reads, new RenewalOrders(caller, options, Post), options);
            _options = options;
            _journal = journal;
            _gate = new SemaphoreSlim(Math.Max(1, options.ThrottleLimit));
            _pacer = caller.PacerFor(api, (options.RequestsPerSecond ?? api.RequestsPerSecond) * options.PacingHeadroom);
            _spend = spend?.Gate(caller, options, Post);
        }

        /// <summary>While a run priced first is quoting: how many quotes are answered of those asked for.</summary>
        public (int Answered, int Asked)? Quoting => _spend != null && _spend.Quotes.Asked > _spend.Quotes.Answered ? (_spend.Quotes.Answered, _spend.Quotes.Asked) : ((int, int)?)null;

        /// <summary>Instances are priced and checked against the limits before any is sent.</summary>
        private bool PricesFirst => _spend != null && _spend.Limits.PricesFirst;

        /// <summary>Instances accepted whose result has not been queued yet.</summary>
        public int Outstanding => Volatile.Read(ref _outstanding);

        /// <summary>
        /// Accepts one confirmed instance (pipeline thread only). With reads, instances are first read 100 at a time per
        /// region (one describe request), then batched and sent; without (-NoWait, where no flag must be kept), a full batch
        /// is sent at once.
        /// </summary>
        public void Enqueue(RenewalRequest request)
        {
            Interlocked.Increment(ref _outstanding);
            _api.Prepare(request);
            // -NoWait reads before sending only what must keep the instance's own auto-renew flag.
            if (_reads != null && (_options.ReadBack || KeepsRenewFlag(request)))
            {
                if (!_unread.TryGetValue(request.Region, out var group))
                {
                    group = new List<RenewalRequest>();
                    _unread[request.Region] = group;
                }
                group.Add(request);
                if (group.Count >= InstanceReader.PageSize)
                {
                    _unread.Remove(request.Region);
                    StartPreRead(group);
                }
                return;
            }
            if (PricesFirst)
            {
                lock (_held)
                {
                    _held.Add(request);
                }
                return;
            }
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

        /// <summary>Sends what is left: partial read groups and partial batches (pipeline thread only, at the end of input).</summary>
        public void Flush()
        {
            foreach (var group in _unread.Values.ToList())
            {
                StartPreRead(group);
            }
            _unread.Clear();
            if (PricesFirst)
            {
                Run(_held, ReleaseHeldAsync);
                return;
            }
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

        /// <summary>A run priced first waits for every pre-read before it quotes; the others need not remember them.</summary>
        private void StartPreRead(List<RenewalRequest> group)
        {
            var reading = Run(group, () => PreReadAsync(group));
            if (PricesFirst)
            {
                _preReads.Add(reading);
            }
        }

        private void Dispatch(List<RenewalRequest> batch) => Run(batch, async () =>
        {
            await BalanceCheckedAsync(batch[0].Region).ConfigureAwait(false);
            await RunAsync(batch).ConfigureAwait(false);
        });

        /// <summary>Batches instances that may share a request and sends them.</summary>
        private void DispatchAll(IEnumerable<RenewalRequest> requests)
        {
            foreach (var batch in requests.GroupBy(_api.BatchKey).SelectMany(g => g.Select((r, i) => (r, i)).GroupBy(x => x.i / _api.MaxBatchSize, x => x.r)))
            {
                Dispatch(batch.ToList());
            }
        }

        /// <summary>
        /// Once every held instance has been read (pre-read), prices them all, checks the total against the limits and the
        /// balance, and only then sends them; refused, nothing is sent and the one refusal is all the run reports for them.
        /// </summary>
        private async Task ReleaseHeldAsync()
        {
            await Task.WhenAll(_preReads).ConfigureAwait(false);
            List<RenewalRequest> held;
            lock (_held)
            {
                held = _held.ToList();
            }
            SpendVerdict verdict;
            try
            {
                verdict = await _spend!.CheckAsync(held, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                CompleteStopped(held, null);
                return;
            }
            foreach (var warning in verdict.Warnings)
            {
                Post(SessionEventKind.Warning, warning);
            }
            if (!verdict.Allowed)
            {
                _events.Add(SessionEvent.ForRefusal(verdict.Refusal!, verdict.Message));
                foreach (var r in held)
                {
                    r.Completed = true;
                    Interlocked.Decrement(ref _outstanding);
                }
                return;
            }
            DispatchAll(held);
        }

        /// <summary>A run not priced first reads the balance once, before its first renewal request, and only warns.</summary>
        private Task BalanceCheckedAsync(string region)
        {
            if (_spend is null || PricesFirst || !_spend.Limits.CheckBalance)
            {
                return Task.CompletedTask;
            }
            lock (_balanceLock)
            {
                return _balanceChecked ??= CheckBalanceAsync(region);
            }
        }

        private async Task CheckBalanceAsync(string region)
        {
            try
            {
                var verdict = await _spend!.CheckBalanceOnlyAsync(region, _stop.Token).ConfigureAwait(false);
                foreach (var warning in verdict.Warnings)
                {
                    Post(SessionEventKind.Warning, warning);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        /// <summary>Runs one stage for some instances off the pipeline thread; whatever happens, each gets its one result.</summary>
        private Task Run(IReadOnlyList<RenewalRequest> requests, Func<Task> stage)
        {
            Interlocked.Increment(ref _running);
            return Task.Run(async () =>
            {
                try
                {
                    await stage().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    // A bug must not lose an instance: whatever was sent is Unknown, the rest were never sent.
                    foreach (var r in requests.Where(r => !r.Completed))
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
            foreach (var r in batch)
            {
                r.FirstAttemptAt ??= DateTimeOffset.UtcNow;
            }
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
                    if (CanReadBack(batch))
                    {
                        await ReadBackAsync(batch, answer!).ConfigureAwait(false);
                        return;
                    }
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
                        if (!CanSettle(batch))
                        {
                            foreach (var r in batch)
                            {
                                Complete(r, RenewalStatus.Unknown, answer, failure, message);
                            }
                            return;
                        }
                        // May have executed: only the cloud's records settle it, and only evidence of non-execution allows a resend.
                        var resend = await SettleAsync(batch, failure, null).ConfigureAwait(false);
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
                        Post(SessionEventKind.Verbose, _api.Service + " " + batch[0].Region + ": " + resend.Count + " instance(s) after " + failure.Code + ": it did not execute; sending again with a fresh signature.");
                        batch = resend;
                        lastMaybeExecuted = null;
                        continue;
                    default:
                        if (lastMaybeExecuted != null && CanSettle(batch))
                        {
                            // Proven not executed, the refusal stands: nothing was renewed.
                            var notExecuted = await SettleAsync(batch, lastMaybeExecuted, "An earlier attempt may have executed, and the last one was refused (" + Join(failure.Code + ": " + failure.Meaning, message) + ").").ConfigureAwait(false);
                            CompleteRefused(notExecuted, answer, failure, message, null);
                            return;
                        }
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

        private bool CanReadBack(IReadOnlyList<RenewalRequest> batch) => _options.ReadBack && _reads != null && batch.All(r => r.PreviousExpiry.HasValue);

        /// <summary>Unanswered attempts are settled from the cloud's records where the expiry was read before sending.</summary>
        private bool CanSettle(IReadOnlyList<RenewalRequest> batch) => _options.ReadBack && _unanswered != null && batch.All(r => r.PreviousExpiry.HasValue);

        /// <summary>
        /// Settles the batch from the cloud's records (<see cref="UnansweredRenewals"/>), completes what is settled and returns
        /// what was proven not to have executed. <paramref name="context"/> prefixes the message of a result left Unknown.
        /// </summary>
        private async Task<List<RenewalRequest>> SettleAsync(IReadOnlyList<RenewalRequest> batch, ErrorClass cause, string? context, DateTimeOffset? attemptEnded = null)
        {
            var resend = new List<RenewalRequest>();
            foreach (var s in await _unanswered!.SettleAsync(batch, attemptEnded ?? DateTimeOffset.UtcNow, cause, _stop.Token).ConfigureAwait(false))
            {
                if (s.Resend)
                {
                    Post(SessionEventKind.Verbose, s.Request.InstanceId + ": did not execute (" + s.Message + ").");
                    resend.Add(s.Request);
                }
                else
                {
                    Complete(s.Request, s.Status!.Value, null, s.Failure, s.Status == RenewalStatus.Unknown && context != null ? context + " " + s.Message : s.Message, null, s.NewExpiry);
                }
            }
            return resend;
        }

        /// <summary>
        /// Reads one region's group before anything is sent: the expiry each renewal will be checked against, the auto-renew
        /// flag it keeps, CVM's latest operation (the evidence base if an answer is lost), and a refusal, before any money is
        /// spent, of what the cloud does not know, does not bill monthly, is already being renewed, or (with the guard) is
        /// not due. A journaled unanswered attempt is settled here from the cloud's records, as a lost answer is.
        /// </summary>
        private async Task PreReadAsync(List<RenewalRequest> group)
        {
            var region = group[0].Region;
            Dictionary<string, CloudInstance>? found = null;
            try
            {
                found = await _reads!.LookupAsync(region, group.Select(r => r.InstanceId), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                CompleteStopped(group, null);
                return;
            }
            catch (CloudReadException ex)
            {
                Post(SessionEventKind.Warning, "Could not read the " + _api.Service + " instances in " + region + " before renewing (" + ex.Failure.Code + ": " + ex.Message + "). They are renewed without the check, and their renewals cannot be confirmed from the cloud's state.");
            }

            var accepted = new List<RenewalRequest>();
            var journaled = new List<RenewalRequest>();
            var now = DateTimeOffset.UtcNow;
            foreach (var r in group)
            {
                if (found is null)
                {
                    if (_options.OnlyIfExpiringWithinDays.HasValue)
                    {
                        Complete(r, RenewalStatus.Failed, null, ErrorCatalog.Reads.Classify(ReadCodes.PreReadFailed), "-OnlyIfExpiringWithinDays needs it. Nothing was sent.");
                    }
                    else if (r.SettleEarlierAttempt && !_api.ResendIsHarmless)
                    {
                        Complete(r, RenewalStatus.Unknown, null, ErrorCatalog.Transport.Classify(TransportCodes.PreviousRunUnknown), "Its expiry could not be read to settle it. Not resent.");
                    }
                    else if (KeepsRenewFlag(r))
                    {
                        RefuseUnsent(r, ReadCodes.RenewFlagUnknown, "Nothing was sent. Rerun when the instance can be read, or give -RenewFlag (or a RenewFlag column) to set the flag explicitly.");
                    }
                    else
                    {
                        r.PreviousExpiry = null;
                        accepted.Add(r);
                    }
                    continue;
                }
                if (!found.TryGetValue(r.InstanceId, out var instance))
                {
                    Complete(r, RenewalStatus.Failed, null, ErrorCatalog.Reads.Classify(ReadCodes.InstanceNotFound), "No " + _api.Service + " instance " + r.InstanceId + " in " + region + " (read before sending). Nothing was sent.");
                    continue;
                }
                if (!instance.IsPrepaid)
                {
                    Complete(r, RenewalStatus.Failed, null, ErrorCatalog.Reads.Classify(ReadCodes.NotPrepaid), "The cloud reports the instance as " + instance.ChargeType + " (read before sending). Nothing was sent.");
                    continue;
                }
                if (KeepsRenewFlag(r))
                {
                    if (instance.AutoRenewFlag is null)
                    {
                        RefuseUnsent(r, ReadCodes.RenewFlagUnknown, "The cloud's answer names no auto-renew flag for it. Nothing was sent; give -RenewFlag (or a RenewFlag column) to set the flag explicitly.");
                        continue;
                    }
                    r.CurrentRenewFlag = instance.AutoRenewFlag;
                }
                if (r.SettleEarlierAttempt && _api.ResendIsHarmless && ExecutionEvidence.Moved(r, instance.ExpiresAt))
                {
                    Complete(r, RenewalStatus.Renewed, null, null, "Renewed by an earlier run whose answer was lost: the expiry moved from " + ExecutionEvidence.Iso(r.PreviousExpiry) + " to " + ExecutionEvidence.Iso(instance.ExpiresAt) + ". Not sent again.", null, instance.ExpiresAt);
                    continue;
                }
                if (r.SettleEarlierAttempt && !_api.ResendIsHarmless && _unanswered != null)
                {
                    // Settled below from the expiry and the operation its journal recorded, not from this read.
                    journaled.Add(r);
                    continue;
                }
                if (ExecutionEvidence.IsRenewalInProgress(instance))
                {
                    Complete(r, RenewalStatus.Skipped, null, null, "A renewal of this instance is in progress (RequestId " + instance.LatestOperationRequestId + "), perhaps by another run; not sent again.", ReadCodes.RenewalInProgress);
                    continue;
                }
                if (_options.OnlyIfExpiringWithinDays.HasValue && !(instance.ExpiresAt <= now.AddDays(_options.OnlyIfExpiringWithinDays.Value)))
                {
                    Complete(r, RenewalStatus.Skipped, null, null, "Not due: expires in " + instance.DaysLeft + " days (" + ExecutionEvidence.Iso(instance.ExpiresAt) + "), beyond -OnlyIfExpiringWithinDays " + _options.OnlyIfExpiringWithinDays.Value + ". Not sent.", ReadCodes.NotDue);
                    continue;
                }
                if (!r.SettleEarlierAttempt || _api.ResendIsHarmless)
                {
                    r.PreviousExpiry = instance.ExpiresAt;
                    r.OperationBefore = instance.LatestOperationRequestId ?? "";
                }
                accepted.Add(r);
            }
            foreach (var attempt in journaled.GroupBy(r => r.EarlierAttemptAt ?? now))
            {
                var resend = await SettleAsync(attempt.ToList(), ErrorCatalog.Transport.Classify(TransportCodes.PreviousRunUnknown), "An earlier run sent this renewal and recorded no final answer.", attempt.Key).ConfigureAwait(false);
                foreach (var r in resend)
                {
                    r.EarlierAttemptMayHaveExecuted = false;
                    r.SettleEarlierAttempt = false;
                }
                accepted.AddRange(resend);
            }
            if (PricesFirst)
            {
                lock (_held)
                {
                    _held.AddRange(accepted);
                }
                return;
            }
            DispatchAll(accepted);
        }

        /// <summary>Refused before sending: Failed, unless an earlier run's attempt may have executed (then Unknown: Failed would invite a rerun to charge again).</summary>
        private void RefuseUnsent(RenewalRequest r, string code, string message)
        {
            if (r.EarlierAttemptMayHaveExecuted)
            {
                Complete(r, RenewalStatus.Unknown, null, ErrorCatalog.Transport.Classify(TransportCodes.PreviousRunUnknown), ErrorCatalog.Reads.Classify(code).Meaning + " " + message);
                return;
            }
            Complete(r, RenewalStatus.Failed, null, ErrorCatalog.Reads.Classify(code), message);
        }

        /// <summary>The renewal must carry the instance's current auto-renew flag: its API applies a default when none is sent.</summary>
        private bool KeepsRenewFlag(RenewalRequest r) => _api.CarriesRenewFlag && r.RenewFlag is null;

        /// <summary>
        /// Reads an accepted batch back until each expiry has moved by the renewed period; what is not confirmed in time stays
        /// Submitted (with a warning). A FAILED operation of this request is Failed.
        /// </summary>
        private async Task ReadBackAsync(IReadOnlyList<RenewalRequest> batch, ApiAnswer answer)
        {
            var region = batch[0].Region;
            var pending = batch.ToList();
            // An answer that names the order (ECS OrderId, a legacy deal) is itself the proof: one read gives NewExpiry, and
            // an unchanged expiry there is an earlier order replayed by its ClientToken, not a renewal to wait for.
            var orderConfirmed = _api.SuccessStatus == RenewalStatus.Renewed;
            var deadline = DateTimeOffset.UtcNow + (orderConfirmed ? TimeSpan.Zero : _options.WaitTimeout);
            var pause = _options.PollFirst;
            // An asynchronous renewal (Submitted) is never done the moment it is accepted: a read then would only spend
            // the read limit, which the reads before sending share.
            var waitFirst = !orderConfirmed;
            while (pending.Count > 0 && !_stop.IsCancellationRequested)
            {
                if (waitFirst)
                {
                    waitFirst = false;
                    try
                    {
                        await Task.Delay(pause, _stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                Dictionary<string, CloudInstance>? found = null;
                try
                {
                    found = await _reads!.LookupGatheredAsync(region, pending.Select(r => r.InstanceId).ToList(), _stop.Token).ConfigureAwait(false);
                }
                catch (CloudReadException)
                {
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                foreach (var r in pending.ToList())
                {
                    var instance = found != null && found.TryGetValue(r.InstanceId, out var i) ? i : null;
                    if (instance is null)
                    {
                        continue;
                    }
                    if (answer.RequestId != null && instance.LatestOperationRequestId == answer.RequestId && instance.LatestOperationState == "FAILED")
                    {
                        Complete(r, RenewalStatus.Failed, answer, ErrorCatalog.Reads.Classify(ReadCodes.RenewalOperationFailed), "Cloud message: " + instance.LatestOperationError);
                        pending.Remove(r);
                    }
                    else if (ExecutionEvidence.Moved(r, instance.ExpiresAt))
                    {
                        Complete(r, RenewalStatus.Renewed, answer, null, null, null, instance.ExpiresAt);
                        pending.Remove(r);
                    }
                }
                var left = deadline - DateTimeOffset.UtcNow;
                if (pending.Count == 0 || left <= TimeSpan.Zero)
                {
                    break;
                }
                try
                {
                    await Task.Delay(pause < left ? pause : left, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 3 / 2, _options.PollCap.Ticks));
            }

            if (pending.Count == 0)
            {
                return;
            }
            if (orderConfirmed)
            {
                foreach (var r in pending)
                {
                    Complete(r, RenewalStatus.Renewed, answer, null, "The cloud confirmed the order; the expiry read back had not moved (an earlier order with the same ClientToken, or not applied yet).");
                }
                return;
            }
            if (Interlocked.Increment(ref _unconfirmedWarnings) == 1)
            {
                Post(SessionEventKind.Warning, "Some " + _api.Service + " renewals were accepted but their expiry had not moved within " + _options.WaitTimeout.TotalSeconds + " s; they are reported as " + _api.SuccessStatus + ". Check them later with " + CommandNames.GetInstance(_api.Service) + ".");
            }
            foreach (var r in pending)
            {
                Complete(r, _api.SuccessStatus, answer, null, "Accepted; the expiry had not moved within " + _options.WaitTimeout.TotalSeconds + " s, so the renewal is not confirmed yet.");
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

        private void Complete(RenewalRequest r, RenewalStatus status, ApiAnswer? answer, ErrorClass? failure, string? message, string? code = null, DateTimeOffset? newExpiry = null)
        {
            r.Completed = true;
            var result = new RenewalResult
            {
                Service = _api.Service,
                Action = _api.Action,
                InstanceId = r.InstanceId,
                Region = r.Region,
                Period = r.ReportedPeriod,
                PeriodUnit = r.ReportedUnit,
                Status = status,
                ErrorCode = failure?.Code ?? code,
                ErrorClass = failure?.Kind.ToString(),
                Message = failure is null ? message : Join(failure.Meaning, message),
                RequestId = answer?.RequestId,
                DealId = answer?.DealId,
                OrderId = answer?.OrderId,
                Attempts = r.Attempts,
                ClientToken = r.ClientToken,
                PreviousExpiry = r.PreviousExpiry,
                NewExpiry = newExpiry,
                Price = r.Price,
                Currency = r.Currency,
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
