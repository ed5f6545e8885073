using System.Collections.Generic;
using System.Linq;
using RenewalTools.Clients;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// Inputs waiting to share a request, by the API's batch key (thread-safe: inputs arrive from the pipeline thread and
    /// from reads before sending). A batch is handed out as soon as it is full; the partial ones when asked.
    /// </summary>
    internal sealed class OpenBatches<TRequest>
        where TRequest : WriteRequest
    {
        private readonly WriteApi<TRequest> _api;
        private readonly Dictionary<string, List<TRequest>> _open = new Dictionary<string, List<TRequest>>(System.StringComparer.Ordinal);

        public OpenBatches(WriteApi<TRequest> api)
        {
            _api = api;
        }

        /// <summary>Adds the inputs; returns the batches they filled.</summary>
        public List<List<TRequest>> Add(IEnumerable<TRequest> requests)
        {
            var full = new List<List<TRequest>>();
            lock (_open)
            {
                foreach (var r in requests)
                {
                    var key = _api.BatchKey(r);
                    if (!_open.TryGetValue(key, out var batch))
                    {
                        batch = new List<TRequest>(System.Math.Min(_api.MaxBatchSize, 16));
                        _open[key] = batch;
                    }
                    batch.Add(r);
                    if (batch.Count >= _api.MaxBatchSize)
                    {
                        _open.Remove(key);
                        full.Add(batch);
                    }
                }
            }
            return full;
        }

        /// <summary>Takes every batch not yet full.</summary>
        public List<List<TRequest>> TakePartial()
        {
            lock (_open)
            {
                var partial = _open.Values.ToList();
                _open.Clear();
                return partial;
            }
        }
    }
}
