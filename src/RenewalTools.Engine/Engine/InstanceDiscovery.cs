using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;

namespace RenewalTools.Engine
{
    /// <summary>
    /// Discovery across regions: one task per query, all at once. Once a region's first page has answered, the pages it
    /// makes known (every remaining one from Tencent's TotalCount; only the next from an ECS NextToken) are requested
    /// together under the read's pacer, at most <see cref="RenewalOptions.ThrottleLimit"/> pages ahead of the page being
    /// written, and handed to the pipeline in page order. So a listing runs at the read's rate limit, not at one latency
    /// per page, and a Select-Object -First costs at most that many extra reads; a read cannot charge (issue #19). The
    /// same number bounds the requests in flight across all regions.
    /// </summary>
    internal sealed class InstanceDiscovery : IDisposable
    {
        private readonly InstanceReads _reads;
        private readonly int _readAhead;
        // -ThrottleLimit is also the run's requests in flight, across regions. Never disposed: a read cancelled by Dispose
        // still releases its slot afterwards.
        private readonly SemaphoreSlim _inFlight;
        private readonly BlockingCollection<DiscoveryEvent> _events = new BlockingCollection<DiscoveryEvent>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        // Cancelled once every query has ended, so the pipeline thread stops waiting for events at once.
        private readonly CancellationTokenSource _finished = new CancellationTokenSource();
        // One for each query still running, plus one that Start holds until every query has started.
        private int _running = 1;

        public InstanceDiscovery(InstanceReader reader, CloudCaller caller, RenewalOptions options)
        {
            _reads = new InstanceReads(reader, caller, options, (kind, text) => _events.Add(new DiscoveryEvent { Kind = kind, Text = text }));
            _readAhead = Math.Max(1, options.ThrottleLimit);
            _inFlight = new SemaphoreSlim(_readAhead);
        }

        public bool Running => Volatile.Read(ref _running) > 0 || _events.Count > 0;

        public void Start(IEnumerable<InstanceQuery> queries)
        {
            foreach (var query in queries)
            {
                Interlocked.Increment(ref _running);
                Task.Run(() => RunAsync(query));
            }
            Finish();
        }

        /// <summary>The next event, waiting up to <paramref name="timeout"/>; false at once when nothing is left to come.</summary>
        public bool TryTake(out DiscoveryEvent item, TimeSpan timeout)
        {
            if (_events.TryTake(out item!))
            {
                return true;
            }
            try
            {
                return _events.TryTake(out item!, (int)timeout.TotalMilliseconds, _finished.Token);
            }
            catch (OperationCanceledException)
            {
                return _events.TryTake(out item!);
            }
        }

        public void Stop() => _stop.Cancel();

        public void Dispose()
        {
            Stop();
            GC.SuppressFinalize(this);
        }

        private async Task RunAsync(InstanceQuery query)
        {
            // Cancelled when this query ends early (a page failed, or Stop): the pages still being read are not wanted.
            using var unwanted = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var ahead = new Queue<Task<InstancePage>>();
            try
            {
                if (query.InstanceIds != null)
                {
                    await WriteAsync(query, await InFlightAsync(() => _reads.ReadIdsAsync(query, unwanted.Token), unwanted.Token).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                }
                await ReadPagesAsync(query, ahead, unwanted.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            catch (CloudReadException ex)
            {
                _events.Add(new DiscoveryEvent { Kind = SessionEventKind.Result, Failure = ex, Region = query.Region });
            }
            finally
            {
                unwanted.Cancel();
                try
                {
                    await SettleAsync(ahead).ConfigureAwait(false);
                }
                finally
                {
                    Finish();
                }
            }
        }

        /// <summary>
        /// Every page of a listing, written in order. Before a page is written, the reads of the pages known to follow are
        /// started, up to the read-ahead bound; a page that fails ends the listing after the pages before it are written.
        /// </summary>
        private async Task ReadPagesAsync(InstanceQuery query, Queue<Task<InstancePage>> ahead, CancellationToken unwanted)
        {
            var page = await ReadPageAsync(query, null, unwanted).ConfigureAwait(false);
            var known = new Queue<string>();
            while (true)
            {
                if (known.Count == 0 && ahead.Count == 0)
                {
                    // The last page asked for: what it makes known (a later page when the total grew meanwhile, the next token).
                    foreach (var cursor in InstanceReader.CursorsAfter(page))
                    {
                        known.Enqueue(cursor);
                    }
                }
                while (ahead.Count < _readAhead && known.Count > 0)
                {
                    ahead.Enqueue(ReadPageAsync(query, known.Dequeue(), unwanted));
                }
                await WriteAsync(query, page.Instances).ConfigureAwait(false);
                if (ahead.Count == 0)
                {
                    return;
                }
                page = await ahead.Dequeue().ConfigureAwait(false);
            }
        }

        private void Finish()
        {
            if (Interlocked.Decrement(ref _running) == 0)
            {
                _finished.Cancel();
            }
        }

        private Task<InstancePage> ReadPageAsync(InstanceQuery query, string? cursor, CancellationToken unwanted) =>
            InFlightAsync(() => _reads.ReadPageAsync(query, cursor, unwanted), unwanted);

        private async Task<T> InFlightAsync<T>(Func<Task<T>> read, CancellationToken unwanted)
        {
            await _inFlight.WaitAsync(unwanted).ConfigureAwait(false);
            try
            {
                return await read().ConfigureAwait(false);
            }
            finally
            {
                _inFlight.Release();
            }
        }

        /// <summary>Hands a page to the pipeline and waits until it is written (or the run stops).</summary>
        private async Task WriteAsync(InstanceQuery query, List<CloudInstance> instances)
        {
            var written = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _events.Add(new DiscoveryEvent { Kind = SessionEventKind.Result, Page = instances, Written = written, Region = query.Region });
            using (_stop.Token.Register(() => written.TrySetCanceled()))
            {
                await written.Task.ConfigureAwait(false);
            }
        }

        /// <summary>Waits out the reads still ahead after the listing ended early (they were cancelled); their pages and errors are not wanted.</summary>
        private static async Task SettleAsync(Queue<Task<InstancePage>> ahead)
        {
            foreach (var read in ahead)
            {
                try
                {
                    await read.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException || ex is CloudReadException)
                {
                }
            }
        }
    }
}
