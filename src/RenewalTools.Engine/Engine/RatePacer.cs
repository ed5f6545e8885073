using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace RenewalTools.Engine
{
    /// <summary>
    /// Spaces requests evenly under a per-account rate limit. Shared process-wide per (endpoint, action, key), since
    /// the cloud counts every caller with that key, including other runs in the same Azure Automation sandbox.
    /// </summary>
    internal sealed class RatePacer
    {
        private static readonly ConcurrentDictionary<string, RatePacer> Shared = new ConcurrentDictionary<string, RatePacer>(StringComparer.Ordinal);
        private readonly object _lock = new object();
        private readonly long _intervalTicks;
        private long _nextSlot;

        private RatePacer(double requestsPerSecond)
        {
            _intervalTicks = (long)(Stopwatch.Frequency / requestsPerSecond);
            RequestsPerSecond = requestsPerSecond;
        }

        public double RequestsPerSecond { get; }

        public static RatePacer For(string key, double requestsPerSecond) =>
            Shared.AddOrUpdate(key, _ => new RatePacer(requestsPerSecond), (_, existing) => existing.RequestsPerSecond == requestsPerSecond ? existing : new RatePacer(requestsPerSecond));

        /// <summary>Waits for this caller's slot; slots are handed out in call order.</summary>
        public Task WaitAsync(CancellationToken cancel)
        {
            long delayTicks;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                var slot = Math.Max(now, _nextSlot);
                _nextSlot = slot + _intervalTicks;
                delayTicks = slot - now;
            }
            if (delayTicks <= 0)
            {
                return Task.CompletedTask;
            }
            return Task.Delay(TimeSpan.FromSeconds((double)delayTicks / Stopwatch.Frequency), cancel);
        }
    }
}
