using System;
using System.Threading;
using System.Threading.Tasks;

namespace RenewalTools.Storage
{
    /// <summary>
    /// A 60 s lease on one blob, renewed every 15 s while the run lives and released at the end: a run that dies stops
    /// renewing and its lease frees within a minute (learn: lease-blob). Losing it (the service says so, or no renewal got
    /// through for 40 s) calls <c>lost</c> once, well before another run could take it.
    /// </summary>
    internal sealed class BlobLease : IDisposable
    {
        public const int DurationSeconds = 60;
        private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);
        private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(40);
        private readonly BlobClient _client;
        private readonly Action<string> _lost;
        private readonly Timer _timer;
        private readonly object _gate = new object();
        private DateTimeOffset _renewed = DateTimeOffset.UtcNow;
        private bool _disposed;
        private bool _lostReported;

        private BlobLease(BlobClient client, string id, Action<string> lost)
        {
            _client = client;
            Id = id;
            _lost = lost;
            _timer = new Timer(_ => Renew(), null, RenewEvery, RenewEvery);
        }

        public string Id { get; }

        /// <summary>Creates the blob if needed and leases it; null when another holder has it (409 LeaseAlreadyPresent).</summary>
        public static BlobLease? TryAcquire(BlobClient client, Action<string> lost)
        {
            client.CreateAppendBlobIfAbsent();
            var id = Guid.NewGuid().ToString();
            var answer = client.Lease("acquire", id, DurationSeconds);
            if (answer.Status == 201 || answer.Status == 200)
            {
                return new BlobLease(client, id, lost);
            }
            if (answer.Status == 409 && BlobClient.ErrorCode(answer) == "LeaseAlreadyPresent")
            {
                return null;
            }
            throw client.Failure("Leasing", answer);
        }

        private void Renew()
        {
            lock (_gate)
            {
                if (_disposed || _lostReported)
                {
                    return;
                }
                string? problem = null;
                try
                {
                    var answer = _client.Lease("renew", Id, DurationSeconds);
                    if (answer.Status == 200)
                    {
                        _renewed = DateTimeOffset.UtcNow;
                        return;
                    }
                    // 409/412: the service says the lease is not ours any more; anything else is worth another try.
                    problem = _client.Failure("Renewing the lease on", answer).Message;
                    if (answer.Status != 409 && answer.Status != 412 && DateTimeOffset.UtcNow - _renewed < GiveUpAfter)
                    {
                        return;
                    }
                }
                catch (BlobStorageException ex)
                {
                    problem = ex.Message;
                    if (DateTimeOffset.UtcNow - _renewed < GiveUpAfter)
                    {
                        return;
                    }
                }
                _lostReported = true;
                _lost(problem ?? "the lease on " + _client.Address.Display + " was lost");
            }
        }

        /// <summary>Releases the lease so the next run need not wait for it to expire.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }
                _disposed = true;
                _timer.Dispose();
                try
                {
                    _client.Lease("release", Id, DurationSeconds);
                }
                catch (BlobStorageException)
                {
                    // Not released: it expires within a minute on its own.
                }
            }
        }
    }
}
