using System;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>
    /// How many failures of each kind one request (a batch, a page) may meet before it gives up, and how long to wait
    /// between attempts. Separate budgets: throttling must not use up the resends that settle a may-have-executed ECS
    /// request, and a refused connection (nobody listening) must fail fast instead of waiting out a budget meant for busy
    /// clouds. One instance per request; renewals and reads share the rule.
    /// </summary>
    internal sealed class RetryBudgets
    {
        private static readonly Random Jitter = new Random();
        private readonly RenewalOptions _options;
        private readonly int[] _counts = new int[4];

        public RetryBudgets(RenewalOptions options)
        {
            _options = options;
        }

        /// <summary>Counts this failure against its budget; true while the budget allows another attempt.</summary>
        public bool Allow(ErrorClass failure, out int failuresOfThisKind)
        {
            var budget = BudgetOf(failure);
            failuresOfThisKind = ++_counts[budget];
            return failuresOfThisKind < Limit(budget);
        }

        /// <summary>Waits before the next attempt: exponential with jitter; false when <paramref name="stop"/> fired first.</summary>
        public async Task<bool> BackoffAsync(int failuresOfThisKind, CancellationToken stop)
        {
            var ceiling = Math.Min(_options.BackoffCap.TotalMilliseconds, _options.BackoffBase.TotalMilliseconds * Math.Pow(2, failuresOfThisKind - 1));
            double delay;
            lock (Jitter)
            {
                delay = ceiling / 2 + Jitter.NextDouble() * ceiling / 2;
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(delay), stop).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private static int BudgetOf(ErrorClass failure) =>
            failure.Kind == ErrorKind.MayHaveExecuted ? 3
            : failure.Code == TransportCodes.ConnectFailed ? 2
            : failure.Category == FailureCategory.LimitsExceeded ? 1
            : 0;

        private int Limit(int budget) => budget switch
        {
            1 => _options.MaxThrottledAttempts,
            2 => _options.MaxConnectAttempts,
            3 => _options.MaxIdempotentAttempts,
            _ => _options.MaxAttempts,
        };
    }
}
