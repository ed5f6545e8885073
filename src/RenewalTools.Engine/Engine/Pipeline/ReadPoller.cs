using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// The one loop that reads instances back until a judge has settled them: after a write (did it show?) and after a
    /// lost answer (did it execute?). Reads are gathered 100 to a describe request; pauses grow from
    /// <see cref="RenewalOptions.PollFirst"/> to <see cref="RenewalOptions.PollCap"/>; a read that fails counts as "not
    /// seen yet", never as evidence.
    /// </summary>
    internal static class ReadPoller
    {
        /// <param name="pending">What is still to settle; <paramref name="judge"/> removes what it settles.</param>
        /// <param name="judge">Judges one read (null: the read failed) and removes what it settled from <paramref name="pending"/>.</param>
        /// <param name="waitFirst">Pause before the first read: an asynchronous write is never done the moment it is accepted.</param>
        /// <param name="wakeBy">How soon the next read is due at the latest (a settle window ending), or null.</param>
        public static async Task PollAsync<TRequest>(
            InstanceReads reads,
            string region,
            List<TRequest> pending,
            Func<Dictionary<string, CloudInstance>?, Task> judge,
            DateTimeOffset deadline,
            bool waitFirst,
            Func<DateTimeOffset, TimeSpan?>? wakeBy,
            CancellationToken stop)
            where TRequest : WriteRequest
        {
            var options = reads.Options;
            var pause = options.PollFirst;
            if (waitFirst && !await PauseAsync(pause, stop).ConfigureAwait(false))
            {
                return;
            }
            while (pending.Count > 0 && !stop.IsCancellationRequested)
            {
                Dictionary<string, CloudInstance>? found = null;
                try
                {
                    found = await reads.LookupGatheredAsync(region, pending.Select(r => r.InstanceId).ToList(), stop).ConfigureAwait(false);
                }
                catch (CloudReadException)
                {
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                try
                {
                    await judge(found).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped while judging (a billing read): what is left pending stays unsettled, never "proven".
                    return;
                }
                var now = DateTimeOffset.UtcNow;
                if (pending.Count == 0 || now >= deadline)
                {
                    return;
                }
                var wait = Min(pause, deadline - now);
                if (wakeBy?.Invoke(now) is TimeSpan due)
                {
                    wait = Min(wait, due);
                }
                if (!await PauseAsync(wait, stop).ConfigureAwait(false))
                {
                    return;
                }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 3 / 2, options.PollCap.Ticks));
            }
        }

        private static async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stop)
        {
            try
            {
                await Task.Delay(pause, stop).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }
}
