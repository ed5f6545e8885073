using System;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The one rule for what follows a failed request, for writes (<see cref="Pipeline.BatchSender{TRequest}"/>) and reads
    /// (<see cref="CloudCaller.ReadAsync"/>) alike: a timestamp refusal corrects the clock once and goes again at once; a
    /// refusal that proves nothing executed is retried under its budget; a failure that may have executed is retried only
    /// where a resend is harmless (a read, an ECS ClientToken, an idempotent policy change), otherwise it is Unknown; a
    /// final refusal of one instance may be isolated by splitting the batch.
    /// </summary>
    internal static class RetryPolicy
    {
        /// <param name="resendHarmless">Sending the same request again cannot do anything twice.</param>
        /// <param name="canSplit">The batch has more than one instance and may be split to isolate the one refused.</param>
        /// <param name="message">The failure's message; a reason is added when the rule gives up.</param>
        /// <param name="failures">How many failures of this kind the request has had, this one included (for the backoff).</param>
        public static RetryDecision Decide(CloudCaller caller, CallOutcome outcome, RetryBudgets budgets, bool resendHarmless, bool canSplit, Action<SessionEventKind, string> post, ref string message, out int failures)
        {
            var failure = outcome.Failure!;
            failures = 0;
            if (failure.ClockSkew && failure.Kind == ErrorKind.SafeToRetry)
            {
                if (caller.TryCorrectClock(outcome, out var warning))
                {
                    if (warning != null)
                    {
                        post(SessionEventKind.Warning, warning);
                    }
                    return RetryDecision.RetryNow;
                }
                message += " The clock skew could not be corrected from the server's Date header: check this machine's clock (NTP).";
                return RetryDecision.Fail;
            }
            var withinBudget = budgets.Allow(failure, out failures);
            switch (failure.Kind)
            {
                case ErrorKind.SafeToRetry:
                    if (withinBudget)
                    {
                        return RetryDecision.Retry;
                    }
                    message += " Gave up after " + failures + " refusals.";
                    return RetryDecision.Fail;
                case ErrorKind.MayHaveExecuted:
                    return resendHarmless && withinBudget ? RetryDecision.Retry : RetryDecision.Unknown;
                default:
                    // Nothing executed, so a split cannot do anything twice; only instance-caused errors are worth isolating.
                    return canSplit && failure.Scope == ErrorScope.Instance ? RetryDecision.Split : RetryDecision.Fail;
            }
        }
    }
}
