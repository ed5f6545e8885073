using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// Verifies an accepted batch from the cloud's own state: reads it back (<see cref="ReadPoller"/>) until the action
    /// sees its write on each instance; what does not show in time ends as the action's accepted outcome, with one
    /// warning per run.
    /// </summary>
    internal sealed class ReadBack<TRequest>
        where TRequest : WriteRequest
    {
        private readonly RunScope<TRequest> _run;
        private int _notShownWarnings;

        public ReadBack(RunScope<TRequest> run)
        {
            _run = run;
        }

        public async Task VerifyAsync(IReadOnlyList<TRequest> batch, ApiAnswer answer)
        {
            var action = _run.Action;
            var pending = batch.ToList();
            var window = action.VerifyFor(answer);
            await ReadPoller.PollAsync(action.Reads!, batch[0].Region, pending, found =>
            {
                foreach (var r in pending.ToList())
                {
                    if (found != null && found.TryGetValue(r.InstanceId, out var instance) && action.Verify(r, instance, answer) is Outcome shown)
                    {
                        _run.Complete(r, shown);
                        pending.Remove(r);
                    }
                }
                return Task.CompletedTask;
            }, DateTimeOffset.UtcNow + window, waitFirst: window > TimeSpan.Zero, null, _run.Stopping).ConfigureAwait(false);

            if (pending.Count == 0)
            {
                return;
            }
            if (action.NotShownWarning(answer) is string warning && Interlocked.Increment(ref _notShownWarnings) == 1)
            {
                _run.Post(SessionEventKind.Warning, warning);
            }
            foreach (var r in pending)
            {
                _run.Complete(r, action.Accepted(r, answer, readBack: true));
            }
        }
    }
}
