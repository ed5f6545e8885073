using System;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;

namespace RenewalTools.Engine
{
    /// <summary>
    /// A quote-only run (Get-*RenewalQuote, -WhatIf -IncludePrice): instances are priced as they arrive, concurrently,
    /// and each quote is queued for the pipeline thread. Nothing here can charge.
    /// </summary>
    internal sealed class QuoteRun : IDisposable
    {
        private readonly PriceQuotes _quotes;
        private readonly string? _currency;
        private readonly System.Collections.Concurrent.BlockingCollection<SessionEvent> _events = new System.Collections.Concurrent.BlockingCollection<SessionEvent>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _outstanding;
        private long _lastProgress;

        public QuoteRun(QuoteApi api, Credentials.CloudCredential credential, Uri? endpoint, RenewalOptions options, string? currency)
        {
            _quotes = new PriceQuotes(api, new CloudCaller(credential, endpoint, options.Timeout), options, (kind, text) => _events.Add(SessionEvent.Message(kind, text)));
            _currency = currency;
        }

        /// <summary>Instances accepted whose quote has not been queued yet.</summary>
        public int Outstanding => Volatile.Read(ref _outstanding);

        public PriceQuotes Quotes => _quotes;

        public void Enqueue(RenewalRequest request)
        {
            Interlocked.Increment(ref _outstanding);
            Task.Run(async () =>
            {
                try
                {
                    _events.Add(SessionEvent.ForQuote(await _quotes.QuoteAsync(request, _currency, _stop.Token).ConfigureAwait(false)));
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    Interlocked.Decrement(ref _outstanding);
                }
            });
        }

        public bool TryTake(out SessionEvent item, TimeSpan timeout) => _events.TryTake(out item!, timeout);

        /// <summary>True at most four times a second, for progress records.</summary>
        public bool ProgressDue()
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (now - _lastProgress < System.Diagnostics.Stopwatch.Frequency / 4)
            {
                return false;
            }
            _lastProgress = now;
            return true;
        }

        public void Stop() => _stop.Cancel();

        public void Dispose()
        {
            Stop();
            GC.SuppressFinalize(this);
        }
    }
}
