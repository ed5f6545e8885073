using System;
using System.Collections.Concurrent;
using System.Threading;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// What a run has for the pipeline thread to write (results, messages, a refusal), and how many accepted inputs have no
    /// result yet. Engine threads only queue; the cmdlet writes. Created first, so the run's reads and gates can post too.
    /// </summary>
    internal sealed class RunEvents
    {
        private readonly BlockingCollection<SessionEvent> _events = new BlockingCollection<SessionEvent>();
        private int _outstanding;

        /// <summary>Inputs accepted whose result has not been queued yet.</summary>
        public int Outstanding => Volatile.Read(ref _outstanding);

        public void Accept() => Interlocked.Increment(ref _outstanding);

        public void Post(SessionEventKind kind, string text) => _events.Add(SessionEvent.Message(kind, text));

        /// <summary>Queues an input's result; it is no longer outstanding.</summary>
        public void Finish(SessionEvent result)
        {
            _events.Add(result);
            Interlocked.Decrement(ref _outstanding);
        }

        /// <summary>Queues a refusal of the whole run; <paramref name="held"/> inputs end with it, without results of their own.</summary>
        public void Refuse(SessionEvent refusal, int held)
        {
            _events.Add(refusal);
            Interlocked.Add(ref _outstanding, -held);
        }

        public bool TryTake(out SessionEvent item, TimeSpan timeout) => _events.TryTake(out item!, timeout);
    }
}
