using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// One run of a write cmdlet: pre-read → admit → (gate) → batch → send under one retry policy → verify by reading back
    /// → exactly one outcome per input. Inputs arrive on the pipeline thread (<see cref="Enqueue"/>, <see cref="Flush"/>);
    /// the stages run off it; results and messages are queued for the pipeline thread to write (<see cref="TryTake"/>).
    /// What differs between actions is the <see cref="WriteAction{TRequest}"/>.
    /// </summary>
    internal sealed class WriteRun<TRequest> : IDisposable
        where TRequest : WriteRequest
    {
        private readonly RunScope<TRequest> _run;
        private readonly PreRead<TRequest> _preRead;
        private readonly BatchSender<TRequest> _sender;
        private readonly IPreSendGate<TRequest>? _gate;
        private readonly Dictionary<string, List<TRequest>> _unread = new Dictionary<string, List<TRequest>>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<TRequest>> _pending = new Dictionary<string, List<TRequest>>(StringComparer.Ordinal);
        private readonly List<TRequest> _held = new List<TRequest>();
        private readonly List<Task> _preReads = new List<Task>();
        private readonly Dictionary<string, List<TRequest>> _admitted = new Dictionary<string, List<TRequest>>(StringComparer.Ordinal);
        private readonly object _firstSendLock = new object();
        private int _preReadsRunning;
        private Task? _firstSendChecked;
        private int _running;

        public WriteRun(WriteAction<TRequest> action, CloudCaller caller, RunEvents events)
        {
            _run = new RunScope<TRequest>(action, caller, events);
            _preRead = new PreRead<TRequest>(_run);
            _sender = new BatchSender<TRequest>(_run);
            _gate = action.Gate;
        }

        private WriteApi<TRequest> Api => _run.Action.Api;

        /// <summary>While a gate that holds all is checking: how far it is.</summary>
        public (int Answered, int Asked)? Checking => _gate?.Progress;

        /// <summary>Inputs accepted whose result has not been queued yet.</summary>
        public int Outstanding => _run.Events.Outstanding;

        /// <summary>Accepts one confirmed input (pipeline thread only): read first in groups of 100 per region, else batched.</summary>
        public void Enqueue(TRequest request)
        {
            _run.Events.Accept();
            Api.Prepare(request);
            if (_run.Action.Reads != null && _run.Action.ReadsBefore(request))
            {
                if (!_unread.TryGetValue(request.Region, out var group))
                {
                    group = new List<TRequest>();
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
            if (HoldsAll)
            {
                lock (_held)
                {
                    _held.Add(request);
                }
                return;
            }
            var key = Api.BatchKey(request);
            if (!_pending.TryGetValue(key, out var batch))
            {
                batch = new List<TRequest>(Math.Min(Api.MaxBatchSize, 16));
                _pending[key] = batch;
            }
            batch.Add(request);
            if (batch.Count >= Api.MaxBatchSize)
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
            if (HoldsAll)
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
        public bool TryTake(out SessionEvent item, TimeSpan timeout) => _run.Events.TryTake(out item, timeout);

        /// <summary>Ctrl+C: nothing new is sent; requests in flight get <see cref="RenewalOptions.StopGrace"/> to answer.</summary>
        public void Stop() => _run.Stop();

        /// <summary>Stops and waits (bounded) for running requests, so every request sent ends with an outcome.</summary>
        public void Dispose()
        {
            Stop();
            var deadline = DateTime.UtcNow + _run.Options.StopGrace + TimeSpan.FromSeconds(2);
            while (Volatile.Read(ref _running) > 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }

        private bool HoldsAll => _gate != null && _gate.HoldsAll;

        /// <summary>A run whose gate holds all waits for every pre-read before it checks; the others need not remember them.</summary>
        private void StartPreRead(List<TRequest> group)
        {
            Interlocked.Increment(ref _preReadsRunning);
            var reading = Run(group, async () =>
            {
                try
                {
                    var admitted = await _preRead.AdmitAsync(group).ConfigureAwait(false);
                    if (HoldsAll)
                    {
                        lock (_held)
                        {
                            _held.AddRange(admitted);
                        }
                        return;
                    }
                    Batch(admitted);
                }
                finally
                {
                    if (Interlocked.Decrement(ref _preReadsRunning) == 0)
                    {
                        SendPartialBatches();
                    }
                }
            });
            if (HoldsAll)
            {
                _preReads.Add(reading);
            }
        }

        private void Dispatch(List<TRequest> batch) => Run(batch, async () =>
        {
            await FirstSendCheckedAsync(batch[0].Region).ConfigureAwait(false);
            await _sender.SendAsync(batch).ConfigureAwait(false);
        });

        /// <summary>Batches inputs that may share a request and sends them.</summary>
        private void DispatchAll(IEnumerable<TRequest> requests)
        {
            foreach (var batch in requests.GroupBy(Api.BatchKey).SelectMany(g => g.Select((r, i) => (r, i)).GroupBy(x => x.i / Api.MaxBatchSize, x => x.r)))
            {
                Dispatch(batch.ToList());
            }
        }

        /// <summary>
        /// Admitted inputs of groups read at the same time share requests: a group of 100 read before sending admits fewer
        /// (some are Unchanged, not due, not found), and its remainder waits for the next group's while one is being read.
        /// Full batches leave at once; the rest when no read before sending is running.
        /// </summary>
        private void Batch(IEnumerable<TRequest> admitted)
        {
            var full = new List<List<TRequest>>();
            lock (_admitted)
            {
                foreach (var r in admitted)
                {
                    var key = Api.BatchKey(r);
                    if (!_admitted.TryGetValue(key, out var batch))
                    {
                        batch = new List<TRequest>();
                        _admitted[key] = batch;
                    }
                    batch.Add(r);
                    if (batch.Count >= Api.MaxBatchSize)
                    {
                        _admitted.Remove(key);
                        full.Add(batch);
                    }
                }
            }
            full.ForEach(Dispatch);
        }

        private void SendPartialBatches()
        {
            List<List<TRequest>> partial;
            lock (_admitted)
            {
                partial = _admitted.Values.ToList();
                _admitted.Clear();
            }
            partial.ForEach(Dispatch);
        }

        /// <summary>
        /// Once every held input has been read and admitted, the gate checks them together, and only then are they sent;
        /// refused, nothing is sent and the one refusal is all the run reports for them.
        /// </summary>
        private async Task ReleaseHeldAsync()
        {
            await Task.WhenAll(_preReads).ConfigureAwait(false);
            List<TRequest> held;
            lock (_held)
            {
                held = _held.ToList();
            }
            SpendVerdict verdict;
            try
            {
                verdict = await _gate!.CheckAsync(held, _run.Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _run.CompleteStopped(held, null);
                return;
            }
            PostWarnings(verdict);
            if (!verdict.Allowed)
            {
                _run.Refuse(verdict.Refusal!, verdict.Message, held);
                return;
            }
            DispatchAll(held);
        }

        /// <summary>A run whose gate does not hold all runs the gate's check once, before its first request; it may only warn.</summary>
        private Task FirstSendCheckedAsync(string region)
        {
            if (_gate is null || HoldsAll)
            {
                return Task.CompletedTask;
            }
            lock (_firstSendLock)
            {
                return _firstSendChecked ??= CheckFirstSendAsync(region);
            }
        }

        private async Task CheckFirstSendAsync(string region)
        {
            try
            {
                PostWarnings(await _gate!.BeforeFirstSendAsync(region, _run.Stopping).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
            }
        }

        private void PostWarnings(SpendVerdict verdict)
        {
            foreach (var warning in verdict.Warnings)
            {
                _run.Post(SessionEventKind.Warning, warning);
            }
        }

        /// <summary>Runs one stage for some inputs off the pipeline thread; whatever happens, each gets its one outcome.</summary>
        private Task Run(IReadOnlyList<TRequest> requests, Func<Task> stage)
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
                    // A bug must not lose an input: whatever was sent is Unknown, the rest were never sent.
                    var failure = ErrorCatalog.Transport.Classify(TransportCodes.UnreadableResponse);
                    foreach (var r in requests.Where(r => !r.Completed))
                    {
                        _run.Complete(r, new Outcome(r.Attempts > 0 ? OutcomeKind.Unknown : OutcomeKind.Failed, "Internal error: " + ex.Message, failure));
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
            });
        }
    }
}
