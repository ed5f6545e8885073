using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Errors;

namespace RenewalTools.Transport
{
    /// <summary>The one HTTP client of the module: pooled connections, system proxy (HTTPS_PROXY), per-request timeout.</summary>
    internal static class HttpTransport
    {
        private static readonly HttpClient Client = CreateClient();

        private static HttpClient CreateClient()
        {
            var handler = new HttpClientHandler
            {
                UseProxy = true,
                AllowAutoRedirect = false,
                MaxConnectionsPerServer = 64,
            };
            return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>
        /// Sends once. <paramref name="abort"/> is the run's hard stop; <paramref name="timeout"/> bounds the wait for an answer.
        /// Never throws for network trouble: the failure is classified so the engine can tell "not sent" from "maybe executed".
        /// </summary>
        public static Task<HttpExchange> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken abort)
        {
            MakeUnrepeatable(request);
            return SendOnceAsync(request, timeout, abort);
        }


        /// <summary>
        /// Sends once and waits on this thread, for callers that must block (a journal write before its request leaves).
        /// On .NET 5+ (PowerShell 7) HttpClient's synchronous Send does the I/O on this thread, so many blocked callers
        /// cannot starve the thread pool that async completions need; on .NET Framework it waits on the async send.
        /// <paramref name="repeatable"/>: the request is harmless if the HTTP stack sends it twice — a GET or HEAD, or a
        /// write whose own condition makes a second copy fail or change nothing (Storage/BlobClient names which); any other
        /// request must carry a body, as for <see cref="SendAsync"/>.
        /// </summary>
        public static HttpExchange SendBlocking(HttpRequestMessage request, TimeSpan timeout, CancellationToken abort, bool repeatable)
        {
            if (repeatable)
            {
                request.Headers.ExpectContinue = false;
            }
            else
            {
                MakeUnrepeatable(request);
            }
            var started = DateTimeOffset.UtcNow;
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(abort);
            timeoutSource.CancelAfter(timeout);
            try
            {
                using var response = SyncSend != null
                    ? SyncSend(request, HttpCompletionOption.ResponseContentRead, timeoutSource.Token)
                    : Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutSource.Token).GetAwaiter().GetResult();
                // ResponseContentRead buffered the body: reading it completes at once.
                return Answer(response, response.Content is null ? "" : response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), started);
            }
            catch (Exception ex) when (Unanswered(ex, abort, timeout, started) is HttpExchange failure)
            {
                return failure;
            }
        }

        /// <summary>HttpClient.Send(request, option, token) where the runtime has it (.NET 5+); this module targets netstandard2.0.</summary>
        private static readonly Func<HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? SyncSend = FindSyncSend();

        private static Func<HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? FindSyncSend()
        {
            var method = typeof(HttpClient).GetMethod("Send", new[] { typeof(HttpRequestMessage), typeof(HttpCompletionOption), typeof(CancellationToken) });
            return method is null ? null : (r, o, t) =>
            {
                try
                {
                    return (HttpResponseMessage)method.Invoke(Client, new object[] { r, o, t });
                }
                catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException != null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                    throw;
                }
            };
        }

        private static async Task<HttpExchange> SendOnceAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken abort)
        {
            var started = DateTimeOffset.UtcNow;
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(abort);
            timeoutSource.CancelAfter(timeout);
            try
            {
                using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutSource.Token).ConfigureAwait(false);
                return Answer(response, response.Content is null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false), started);
            }
            catch (Exception ex) when (Unanswered(ex, abort, timeout, started) is HttpExchange failure)
            {
                return failure;
            }
        }

        private static HttpExchange Answer(HttpResponseMessage response, string body, DateTimeOffset started) => new HttpExchange
        {
            Status = (int)response.StatusCode,
            Body = body,
            ServerDate = response.Headers.Date,
            Headers = HeadersOf(response),
            Elapsed = DateTimeOffset.UtcNow - started,
        };

        /// <summary>Classifies network trouble (never thrown to the caller); null for anything else, which propagates.</summary>
        private static HttpExchange? Unanswered(Exception ex, CancellationToken abort, TimeSpan timeout, DateTimeOffset started)
        {
            switch (ex)
            {
                case OperationCanceledException _ when abort.IsCancellationRequested:
                    return Failure(TransportCodes.ConnectionDropped, "the run was stopped while the request was in flight", started);
                case OperationCanceledException _:
                    return Failure(TransportCodes.Timeout, "no answer within " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s", started);
                case HttpRequestException _ when NeverReachedServer(ex):
                    return Failure(TransportCodes.ConnectFailed, ex.Message, started);
                case HttpRequestException _:
                case System.IO.IOException _:
                    return Failure(TransportCodes.ConnectionDropped, ex.Message, started);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A signed request must leave exactly once, whatever the HTTP stack would like to do. On .NET (PowerShell 7.4+)
        /// SocketsHttpHandler resends a request on its own when the server closes the connection gracefully before
        /// answering, but only a request whose body has not started to go out: one without a body, or one waiting for
        /// "100 Continue" (dotnet/runtime issue 86714). So every request carries a body and never waits for 100 Continue.
        /// On .NET Framework (Windows PowerShell 5.1), HttpWebRequest resubmits a request that fails on a reused keep-alive
        /// connection; a connection that is never reused (Connection: close) gives it nothing to resubmit on.
        /// </summary>
        private static void MakeUnrepeatable(HttpRequestMessage request)
        {
            if (request.Content is null || request.Content.Headers.ContentLength == 0)
            {
                throw new InvalidOperationException(request.Method + " " + request.RequestUri?.GetLeftPart(UriPartial.Path) + " has no body; the HTTP stack could resend it on its own, so the module never sends one.");
            }
            request.Headers.ExpectContinue = false;
            if (IsNetFramework)
            {
                request.Headers.ConnectionClose = true;
            }
        }

        private static System.Collections.Generic.Dictionary<string, string> HeadersOf(HttpResponseMessage response)
        {
            var headers = new System.Collections.Generic.Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in response.Content is null ? response.Headers : response.Headers.Concat(response.Content.Headers))
            {
                headers[h.Key] = string.Join(", ", h.Value);
            }
            return headers;
        }

        private static readonly bool IsNetFramework = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static HttpExchange Failure(string code, string detail, DateTimeOffset started) =>
            new HttpExchange { TransportFailure = code, FailureDetail = detail, Elapsed = DateTimeOffset.UtcNow - started };

        /// <summary>Only a refused or unresolvable connection proves the request never left: anything later may have executed.</summary>
        private static bool NeverReachedServer(Exception ex)
        {
            for (var e = ex.InnerException; e != null; e = e.InnerException)
            {
                if (e is SocketException se)
                {
                    return se.SocketErrorCode == SocketError.ConnectionRefused
                        || se.SocketErrorCode == SocketError.HostNotFound
                        || se.SocketErrorCode == SocketError.HostUnreachable
                        || se.SocketErrorCode == SocketError.NetworkUnreachable
                        || se.SocketErrorCode == SocketError.TryAgain
                        || se.SocketErrorCode == SocketError.NoData;
                }
            }
            return false;
        }
    }
}
