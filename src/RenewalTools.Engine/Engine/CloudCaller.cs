using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Credentials;
using RenewalTools.Errors;
using RenewalTools.Transport;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The one request path of a run, shared by every action (renew, describe): sign with the run's clock (corrected once
    /// from the server's Date header), pace under the action's own limit, send exactly once, classify the answer. What to
    /// do next (retry, split, resolve) is the caller's decision, because it differs between a renewal and a read.
    /// </summary>
    internal sealed class CloudCaller
    {
        private readonly object _clockLock = new object();
        private TimeSpan _clockOffset;
        private int _clockVersion;
        private bool _clockCorrected;

        public CloudCaller(CloudCredential credential, Uri? endpoint, TimeSpan timeout)
        {
            Credential = credential;
            Endpoint = endpoint;
            Timeout = timeout;
        }

        public CloudCredential Credential { get; }
        public Uri? Endpoint { get; }
        public TimeSpan Timeout { get; }

        /// <summary>The process-wide pacer for this action and key: the cloud counts every caller with the key.</summary>
        public RatePacer PacerFor(ICloudAction action, double requestsPerSecond)
        {
            var authority = Endpoint?.GetLeftPart(UriPartial.Authority) ?? "default";
            return RatePacer.For(string.Join("|", action.Service, action.Action, authority, Credential.Id), requestsPerSecond);
        }

        /// <summary>Signs (fresh timestamp and nonce), sends once and classifies. Never throws for network trouble.</summary>
        public async Task<CallOutcome> CallAsync(ICloudAction action, Func<SigningContext, HttpRequestMessage> build, Action<string>? debug, CancellationToken abort, TimeSpan? timeout = null)
        {
            var signedAt = Now(out var clockVersion);
            HttpExchange exchange;
            using (var request = build(new SigningContext(Credential, signedAt, Endpoint)))
            {
                debug?.Invoke(request.Method + " " + request.RequestUri?.GetLeftPart(UriPartial.Path) + " " + action.Action + " (signed by " + Credential.MaskedId + "; query, body and signature withheld)");
                exchange = await HttpTransport.SendAsync(request, timeout ?? Timeout, abort).ConfigureAwait(false);
            }
            var skew = exchange.ServerDate - signedAt;
            var answer = exchange.TransportFailure is null ? action.ParseAnswer(exchange.Status, exchange.Body) : null;
            if (answer != null && answer.Success)
            {
                return new CallOutcome(exchange, answer, null, "", skew, clockVersion);
            }
            var failure = Classify(action, exchange, answer, out var message);
            // A replay refusal is explained by the clock only when the server's Date shows our timestamp outside Tencent's
            // 5-minute window (cloud-apis.md §4.4); otherwise the cloud saw this request before and it may have executed.
            if (failure.Kind == ErrorKind.MayHaveExecuted && failure.ClockSkew && skew.HasValue && skew.Value.Duration() >= ReplayWindow)
            {
                failure = new ErrorClass(failure.Code, ErrorKind.SafeToRetry, failure.Category, failure.Scope, failure.Meaning, clockSkew: true);
            }
            return new CallOutcome(exchange, answer, failure, message, skew, clockVersion);
        }

        /// <summary>
        /// A read (describe, quote, balance): it cannot charge, so a resend is harmless and <see cref="RetryPolicy"/> retries
        /// every failure but a refusal under the request's budgets; a timestamp refusal corrects the clock. <paramref name="parse"/> turns an accepted answer
        /// into the value (null: not this read's shape). Throws <see cref="CloudReadException"/> when the read cannot be
        /// completed and <see cref="OperationCanceledException"/> when stopped.
        /// </summary>
        /// <param name="timeout">Overrides the run's -TimeoutSec for this read.</param>
        public async Task<(T Value, string? RequestId)> ReadAsync<T>(ICloudAction action, RatePacer pacer, RenewalOptions options, Func<SigningContext, HttpRequestMessage> build, Func<CallOutcome, T?> parse, string call, Action<SessionEventKind, string> post, CancellationToken stop, TimeSpan? timeout = null)
            where T : class
        {
            var budgets = new RetryBudgets(options);
            while (true)
            {
                await pacer.WaitAsync(stop).ConfigureAwait(false);
                var outcome = await CallAsync(action, build, text => post(SessionEventKind.Debug, text), stop, timeout).ConfigureAwait(false);
                stop.ThrowIfCancellationRequested();
                if (outcome.Accepted)
                {
                    if (parse(outcome) is T value)
                    {
                        return (value, outcome.Answer!.RequestId);
                    }
                    outcome = new CallOutcome(outcome.Exchange, outcome.Answer, ErrorCatalog.Reads.Classify(ReadCodes.UnreadableAnswer), "It is not a " + action.Action + " answer the module can use.", outcome.Skew, outcome.ClockVersion);
                }
                var failure = outcome.Failure!;
                post(SessionEventKind.Verbose, call + " -> " + failure.Code + " (" + failure.Kind + ")");
                var message = outcome.Message;
                switch (RetryPolicy.Decide(this, outcome, budgets, resendHarmless: true, canSplit: false, post, ref message, out var failures))
                {
                    case RetryDecision.RetryNow:
                        continue;
                    case RetryDecision.Retry when await budgets.BackoffAsync(failures, stop).ConfigureAwait(false):
                        continue;
                    default:
                        stop.ThrowIfCancellationRequested();
                        throw new CloudReadException(failure, string.IsNullOrWhiteSpace(message) ? failure.Meaning : failure.Meaning + " " + message.Trim());
                }
            }
        }

        /// <summary>
        /// After a timestamp refusal: true when the next attempt signs with a corrected clock (corrected now from the
        /// server's Date, or already by a concurrent request). Corrected once per run (issue #5): a second skew is a real
        /// clock problem. <paramref name="warning"/> is set when this call made the correction.
        /// </summary>
        public bool TryCorrectClock(CallOutcome outcome, out string? warning)
        {
            warning = null;
            lock (_clockLock)
            {
                if (_clockVersion != outcome.ClockVersion)
                {
                    return true;
                }
                if (_clockCorrected || !outcome.Skew.HasValue)
                {
                    return false;
                }
                _clockCorrected = true;
                _clockOffset += outcome.Skew.Value;
                _clockVersion++;
                warning = "The cloud rejected the request timestamp; the local clock differs from the server's by about " + Math.Round(_clockOffset.TotalSeconds) + " s. Signing with the server's time for the rest of this run.";
                return true;
            }
        }

        private static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

        private DateTimeOffset Now(out int clockVersion)
        {
            lock (_clockLock)
            {
                clockVersion = _clockVersion;
                return DateTimeOffset.UtcNow + _clockOffset;
            }
        }

        private ErrorClass Classify(ICloudAction action, HttpExchange exchange, ApiAnswer? answer, out string message)
        {
            if (exchange.TransportFailure != null)
            {
                var target = Endpoint?.GetLeftPart(UriPartial.Authority) ?? "the " + action.Service + " endpoint";
                message = (exchange.TransportFailure == TransportCodes.ConnectFailed ? "Could not connect to " + target + ": " : "") + (exchange.FailureDetail ?? exchange.TransportFailure);
                return ErrorCatalog.Transport.Classify(exchange.TransportFailure);
            }
            if (answer is null)
            {
                message = "HTTP " + exchange.Status + " with a body that is not a " + action.Action + " answer.";
                return ErrorCatalog.Transport.Classify(exchange.Status >= 500 ? TransportCodes.ServerError : TransportCodes.UnreadableResponse);
            }
            var failure = action.Classify(answer, exchange.Status);
            var said = action.SanitizeMessage(answer.ErrorMessage ?? "").Trim();
            message = said.Length == 0 ? "" : "Cloud message: " + said;
            return failure;
        }
    }
}
