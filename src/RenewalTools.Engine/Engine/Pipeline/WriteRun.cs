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
        private readonly List<TRequest> _held = new List<TRequest>();
        private readonly List<Task> _preReads = new List<Task>();
        private readonly OpenBatches<TRequest> _batches;
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
            _batches = new OpenBatches<TRequest>(action.Api);
        }

        private WriteApi<TRequest> Api => _run.Action.Api;

        /// <summary>While a gate that holds all is checking: how far it is.</summary>
        public (int Answered, int Asked)? Checking => _gate?.Progress;

        /// <summary>Inputs accepted whose result has not been queued yet.</summary>
        public int Outstanding => _run.Events.Outstanding;

        /// <summary>
        /// Backpressure: piping 100,000 rows must not queue 100,000 requests, so the pipeline thread waits while this is true
        /// (the limit leaves room for a few read groups of 100). Waiting, it reads the groups and sends the batches not yet
        /// full: many regions or batch keys (periods, flags) could otherwise hold the limit in partial groups and batches that
        /// no more input will fill, and the run would wait for itself. A run whose gate holds all is never backlogged: it holds
        /// every input until the end of input, by design.
        /// </summary>
        public bool Backlogged()
        {
            if (HoldsAll || Outstanding <= Math.Max(_run.Options.ThrottleLimit * Api.MaxBatchSize, InstanceReader.PageSize) * 4)
            {
                return false;
            }
            foreach (var group in _unread.Values.ToList())
            {
                StartPreRead(group);
            }
            _unread.Clear();
            _batches.TakePartial().ForEach(Dispatch);
            return true;
        }

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
            _batches.Add(new[] { request }).ForEach(Dispatch);
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
            _batches.TakePartial().ForEach(Dispatch);
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

        /// <summary>
        /// Reads a group, then batches what it admitted. Groups read at the same time share requests (a group of 100 admits
        /// fewer: some are Unchanged, not due, not found); a partial batch leaves when no group is being read. A run whose
        /// gate holds all waits for every pre-read before it checks; the others need not remember them.
        /// </summary>
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
                    _batches.Add(admitted).ForEach(Dispatch);
                }
                finally
                {
                    if (Interlocked.Decrement(ref _preReadsRunning) == 0)
                    {
                        _batches.TakePartial().ForEach(Dispatch);
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
            _batches.Add(requests).ForEach(Dispatch);
            _batches.TakePartial().ForEach(Dispatch);
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
                    // A bug must not lose an input: whatever was sent (by this run, or by an earlier one whose attempt is
                    // journaled) is Unknown, never Failed, which would let a rerun send it again; the rest were never sent.
                    var failure = ErrorCatalog.Transport.Classify(TransportCodes.UnreadableResponse);
                    foreach (var r in requests.Where(r => !r.Completed))
                    {
                        var mayHaveBeenSent = r.Attempts > 0 || r.EarlierAttemptMayHaveExecuted;
                        _run.Complete(r, new Outcome(mayHaveBeenSent ? OutcomeKind.Unknown : OutcomeKind.Failed, (ex is OperationCanceledException ? "The run was stopped: " : "Internal error: ") + ex.Message, failure));
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
