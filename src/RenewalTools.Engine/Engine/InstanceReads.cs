using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>
    /// Reads through the run's request path, paced under the read's own limit. A read cannot charge, so everything but a
    /// refusal is retried (the same budgets as renewals); the clock is corrected once, as for renewals.
    /// </summary>
    internal sealed class InstanceReads
    {
        private readonly InstanceReader _reader;
        private readonly CloudCaller _caller;
        private readonly RenewalOptions _options;
        private readonly RatePacer _pacer;
        private readonly RatePacer? _policyPacer;
        private int _policyWarnings;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ErrorClass> _refused = new System.Collections.Concurrent.ConcurrentDictionary<string, ErrorClass>(StringComparer.OrdinalIgnoreCase);
        private readonly Action<SessionEventKind, string> _post;
        private readonly Dictionary<string, List<(string Id, TaskCompletionSource<CloudInstance?> Found)>> _waiting = new Dictionary<string, List<(string, TaskCompletionSource<CloudInstance?>)>>(StringComparer.Ordinal);

        public InstanceReads(InstanceReader reader, CloudCaller caller, RenewalOptions options, Action<SessionEventKind, string> post)
        {
            _reader = reader;
            _caller = caller;
            _options = options;
            _post = post;
            _pacer = caller.PacerFor(reader, reader.RequestsPerSecond * options.PacingHeadroom);
            _policyPacer = reader.Policies is null ? null : caller.PacerFor(reader.Policies, reader.Policies.RequestsPerSecond * options.PacingHeadroom);
        }

        /// <summary>The describe action read (for messages).</summary>
        public string Action => _reader.Action;

        /// <summary>The run's options: pacing, retries and polling.</summary>
        public RenewalOptions Options => _options;

        /// <summary>One page; throws <see cref="CloudReadException"/> when it cannot be read, <see cref="OperationCanceledException"/> when stopped.</summary>
        public async Task<InstancePage> ReadPageAsync(InstanceQuery query, string? cursor, CancellationToken stop)
        {
            var call = _reader.Service + " " + _reader.Action + " " + query.Region + (query.InstanceIds is null ? "" : " (" + query.InstanceIds.Count + " ID(s))") + (cursor is null ? "" : " from " + cursor);
            var (page, requestId) = await _caller.ReadAsync(_reader, _pacer, _options, context => _reader.BuildRequest(query, cursor, context),
                outcome => _reader.ParsePage(outcome.Exchange.Body, query, cursor, DateTimeOffset.UtcNow), call, _post, stop).ConfigureAwait(false);
            _post(SessionEventKind.Verbose, call + " -> " + page.Instances.Count + " instance(s), RequestId " + requestId);
            if (_reader.Policies != null)
            {
                await ReadPoliciesAsync(_reader.Policies, query.Region, page.Instances, stop).ConfigureAwait(false);
            }
            return page;
        }

        /// <summary>
        /// Completes a page with each prepaid instance's auto-renew policy (<see cref="InstanceReader.Policies"/>). A refused
        /// policy read leaves the policy unknown (null) with one warning: it must not hide the instances themselves.
        /// </summary>
        private async Task ReadPoliciesAsync(PolicyReader policies, string region, List<CloudInstance> instances, CancellationToken stop)
        {
            var prepaid = new Dictionary<string, CloudInstance>(StringComparer.OrdinalIgnoreCase);
            foreach (var instance in instances.Where(i => i.IsPrepaid))
            {
                prepaid[instance.InstanceId] = instance;
            }
            if (prepaid.Count == 0)
            {
                return;
            }
            var ids = prepaid.Keys.ToList();
            var call = policies.Service + " " + policies.Action + " " + region + " (" + ids.Count + " ID(s))";
            try
            {
                var (_, requestId) = await _caller.ReadAsync(policies, _policyPacer!, _options, context => policies.BuildRequest(region, ids, context),
                    outcome => policies.Apply(outcome.Exchange.Body, prepaid) ? prepaid : null, call, _post, stop).ConfigureAwait(false);
                _post(SessionEventKind.Verbose, call + " -> RequestId " + requestId);
            }
            catch (CloudReadException ex)
            {
                if (Interlocked.Increment(ref _policyWarnings) == 1)
                {
                    _post(SessionEventKind.Warning, "Could not read the auto-renew policy of " + policies.Service + " instances in " + region + " (" + ex.Failure.Code + ": " + ex.Message + "); their AutoRenew is left empty.");
                }
            }
        }

        /// <summary>The cloud refused this ID itself when it was read (a legacy or malformed ID), rather than not finding it.</summary>
        public bool Refused(string instanceId, out ErrorClass failure) => _refused.TryGetValue(instanceId, out failure!);

        /// <summary>Every page of <paramref name="query"/>, in order.</summary>
        public async Task<List<CloudInstance>> ReadAllAsync(InstanceQuery query, CancellationToken stop)
        {
            var all = new List<CloudInstance>();
            string? cursor = null;
            do
            {
                var page = await ReadPageAsync(query, cursor, stop).ConfigureAwait(false);
                all.AddRange(page.Instances);
                cursor = page.Next;
            }
            while (cursor != null);
            return all;
        }

        /// <summary>
        /// The instances of an ID query. One ID the cloud refuses (malformed, say) must not hide the others: the query is
        /// split to isolate it, as a renewal batch is, and an ID refused alone is simply not found.
        /// </summary>
        public async Task<List<CloudInstance>> ReadIdsAsync(InstanceQuery query, CancellationToken stop)
        {
            var ids = query.InstanceIds!;
            try
            {
                return await ReadAllAsync(query, stop).ConfigureAwait(false);
            }
            catch (CloudReadException ex) when (ex.Failure.Scope == ErrorScope.Instance)
            {
                if (ids.Count == 1)
                {
                    _post(SessionEventKind.Verbose, ids[0] + ": " + ex.Failure.Code + " (not found)");
                    _refused[ids[0]] = ex.Failure;
                    return new List<CloudInstance>();
                }
                var half = ids.Count / 2;
                var parts = await Task.WhenAll(
                    ReadIdsAsync(new InstanceQuery(query.Region, ids.Take(half).ToList(), query.PrepaidOnly), stop),
                    ReadIdsAsync(new InstanceQuery(query.Region, ids.Skip(half).ToList(), query.PrepaidOnly), stop)).ConfigureAwait(false);
                return parts[0].Concat(parts[1]).ToList();
            }
        }

        /// <summary>Splits IDs into the queries a read takes: at most 100 a request.</summary>
        public static IEnumerable<InstanceQuery> IdQueries(string region, IEnumerable<string> ids, bool prepaidOnly) =>
            ids.Distinct(StringComparer.OrdinalIgnoreCase).Select((id, i) => (id, i)).GroupBy(x => x.i / InstanceReader.PageSize, x => x.id)
                .Select(chunk => new InstanceQuery(region, chunk.ToList(), prepaidOnly));

        /// <summary>The instances with these IDs in one region, looked up 100 at a time, concurrently; keyed by ID.</summary>
        public async Task<Dictionary<string, CloudInstance>> LookupAsync(string region, IEnumerable<string> ids, CancellationToken stop)
        {
            var pages = await Task.WhenAll(IdQueries(region, ids, prepaidOnly: false).Select(query => ReadIdsAsync(query, stop))).ConfigureAwait(false);
            var found = new Dictionary<string, CloudInstance>(StringComparer.OrdinalIgnoreCase);
            foreach (var instance in pages.SelectMany(p => p))
            {
                found[instance.InstanceId] = instance;
            }
            return found;
        }

        /// <summary>
        /// Looks IDs up together with other callers' IDs of the same region: read-backs of one-instance renewals (ECS) are
        /// gathered for a moment and sent 100 to a request, instead of one read per instance. Null: not found. A read that
        /// fails faults every waiter with its <see cref="CloudReadException"/>.
        /// </summary>
        public async Task<Dictionary<string, CloudInstance>> LookupGatheredAsync(string region, IReadOnlyCollection<string> ids, CancellationToken stop)
        {
            var waits = new List<Task<CloudInstance?>>();
            var startFlush = false;
            lock (_waiting)
            {
                if (!_waiting.TryGetValue(region, out var list))
                {
                    list = new List<(string, TaskCompletionSource<CloudInstance?>)>();
                    _waiting[region] = list;
                    startFlush = true;
                }
                foreach (var id in ids)
                {
                    var found = new TaskCompletionSource<CloudInstance?>(TaskCreationOptions.RunContinuationsAsynchronously);
                    list.Add((id, found));
                    waits.Add(found.Task);
                }
            }
            if (startFlush)
            {
                _ = FlushGatheredAsync(region, stop);
            }
            var results = await Task.WhenAll(waits).ConfigureAwait(false);
            return results.Where(i => i != null).GroupBy(i => i!.InstanceId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First()!, StringComparer.OrdinalIgnoreCase);
        }

        private async Task FlushGatheredAsync(string region, CancellationToken stop)
        {
            List<(string Id, TaskCompletionSource<CloudInstance?> Found)> batch;
            try
            {
                await Task.Delay(GatherWindow, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            lock (_waiting)
            {
                batch = _waiting[region];
                _waiting.Remove(region);
            }
            try
            {
                var found = await LookupAsync(region, batch.Select(w => w.Id), stop).ConfigureAwait(false);
                foreach (var waiter in batch)
                {
                    waiter.Found.TrySetResult(found.TryGetValue(waiter.Id, out var instance) ? instance : null);
                }
            }
            catch (Exception ex)
            {
                foreach (var waiter in batch)
                {
                    waiter.Found.TrySetException(ex);
                }
            }
        }

        private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(150);
    }
}
