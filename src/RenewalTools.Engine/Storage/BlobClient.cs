using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using RenewalTools.Transport;

namespace RenewalTools.Storage
{
    /// <summary>
    /// The few Blob REST operations the journal and the run lock need (learn: put-blob, append-block, get-blob,
    /// get-blob-properties, lease-blob), over the module's one transport: no Azure SDK (docs/ARCHITECTURE.md).
    /// </summary>
    /// <remarks>
    /// Why no request here can take effect twice: GET and HEAD change nothing. Put Blob carries If-None-Match: *, so a
    /// second copy fails with 409 BlobAlreadyExists and changes nothing. A lease action names this run's own lease ID
    /// (acquire proposes it; acquiring again with the ID already held succeeds; renew and release with it are idempotent;
    /// break only ends a lease). Those may therefore be resent, by the HTTP stack or by the retry below. Append Block
    /// carries a body (so the HTTP stack never resends it) and x-ms-blob-condition-appendpos: a copy that arrives after the
    /// first landed finds the blob longer and fails with 412 AppendPositionConditionNotMet, so the journal may resend a
    /// block only after reading the blob's length (BlobJournalStore), and never two blocks can interleave unnoticed.
    /// </remarks>
    internal sealed class BlobClient
    {
        /// <summary>Bearer tokens need 2017-11-09 or later; 100 MiB blocks need 2022-11-02 (blocks here stay under 4 MiB).</summary>
        public const string ApiVersion = "2021-12-02";

        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
        private readonly BlobCredential _credential;

        public BlobClient(BlobAddress address, BlobCredential credential)
        {
            Address = address;
            _credential = credential;
        }

        public BlobAddress Address { get; }

        public string CredentialSource => _credential.Source;

        /// <summary>Creates an empty append blob unless one exists (409 BlobAlreadyExists is success here).</summary>
        public void CreateAppendBlobIfAbsent()
        {
            var answer = Send(HttpMethod.Put, null, r =>
            {
                r.Headers.TryAddWithoutValidation("x-ms-blob-type", "AppendBlob");
                r.Headers.TryAddWithoutValidation("If-None-Match", "*");
            }, Array.Empty<byte>());
            if (answer.Status != 201 && !(answer.Status == 409 && ErrorCode(answer) == "BlobAlreadyExists") && answer.Status != 412)
            {
                throw Failure("Creating the append blob", answer);
            }
        }

        /// <summary>One Append Block, sent once; the caller decides what a failure means (see the class remarks).</summary>
        public HttpExchange AppendBlock(byte[] block, long position, string? leaseId) =>
            Send(HttpMethod.Put, "comp=appendblock", r =>
            {
                r.Headers.TryAddWithoutValidation("x-ms-blob-condition-appendpos", position.ToString(CultureInfo.InvariantCulture));
                if (leaseId != null)
                {
                    r.Headers.TryAddWithoutValidation("x-ms-lease-id", leaseId);
                }
            }, block);

        /// <summary>The blob's text from <paramref name="start"/> (all of it from 0) and the blob's length in bytes.</summary>
        public (string Text, long Length) Get(long start)
        {
            var answer = Send(HttpMethod.Get, null, r =>
            {
                if (start > 0)
                {
                    r.Headers.TryAddWithoutValidation("x-ms-range", "bytes=" + start.ToString(CultureInfo.InvariantCulture) + "-");
                }
            }, null);
            if (answer.Status != 200 && answer.Status != 206)
            {
                throw Failure("Reading", answer);
            }
            return (answer.Body, TotalLength(answer) ?? start + System.Text.Encoding.UTF8.GetByteCount(answer.Body));
        }

        /// <summary>The blob's committed length in bytes (Get Blob Properties).</summary>
        public long GetLength()
        {
            var answer = Send(HttpMethod.Head, null, _ => { }, null);
            if (answer.Status != 200 || !(answer.Headers.TryGetValue("Content-Length", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length)))
            {
                throw Failure("Reading the properties of", answer);
            }
            return length;
        }

        /// <summary>Lease Blob: acquire (with the proposed ID), renew, release or break (period 0).</summary>
        public HttpExchange Lease(string action, string leaseId, int durationSeconds) =>
            Send(HttpMethod.Put, "comp=lease", r =>
            {
                r.Headers.TryAddWithoutValidation("x-ms-lease-action", action);
                switch (action)
                {
                    case "acquire":
                        r.Headers.TryAddWithoutValidation("x-ms-lease-duration", durationSeconds.ToString(CultureInfo.InvariantCulture));
                        r.Headers.TryAddWithoutValidation("x-ms-proposed-lease-id", leaseId);
                        break;
                    case "break":
                        r.Headers.TryAddWithoutValidation("x-ms-lease-break-period", "0");
                        break;
                    default:
                        r.Headers.TryAddWithoutValidation("x-ms-lease-id", leaseId);
                        break;
                }
            }, Array.Empty<byte>());

        public static string? ErrorCode(HttpExchange answer) =>
            answer.TransportFailure ?? (answer.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null);

        /// <summary>A clear, SAS-free error for an operation that did not succeed.</summary>
        public BlobStorageException Failure(string operation, HttpExchange answer)
        {
            var what = operation + " " + Address.Display + " failed: ";
            if (answer.TransportFailure != null)
            {
                return new BlobStorageException(what + "no answer from the storage account (" + answer.TransportFailure + ": " + answer.FailureDetail + ").", 0, answer.TransportFailure);
            }
            var code = ErrorCode(answer);
            var hint = answer.Status == 403 || answer.Status == 401
                ? " The credential (" + CredentialSource + ") is not allowed: check the key or the SAS (permissions racwl, expiry), or grant the identity Storage Blob Data Contributor on the container."
                : answer.Status == 404 ? " Does the container exist?" : "";
            return new BlobStorageException(what + "HTTP " + answer.Status + (code is null ? "" : " " + code) + "." + hint, answer.Status, code);
        }

        private static long? TotalLength(HttpExchange answer)
        {
            if (answer.Headers.TryGetValue("Content-Range", out var range) && range.LastIndexOf('/') is int slash && slash > 0
                && long.TryParse(range.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                return total;
            }
            return answer.Headers.TryGetValue("Content-Length", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : (long?)null;
        }

        /// <summary>
        /// Appends are sent once (their body keeps the HTTP stack from resending); every other operation here is harmless
        /// to repeat (class remarks) and is tried up to three times on no answer, 500 or 503 (ServerBusy).
        /// </summary>
        private HttpExchange Send(HttpMethod method, string? query, Action<HttpRequestMessage> headers, byte[]? body)
        {
            var appends = query == "comp=appendblock";
            HttpExchange answer = new HttpExchange();
            for (var attempt = 1; attempt <= (appends ? 1 : 3); attempt++)
            {
                if (attempt > 1)
                {
                    Thread.Sleep(300 * attempt);
                }
                var fullQuery = string.Join("&", new[] { query, _credential.Query }.Where(q => !string.IsNullOrEmpty(q)));
                using var request = new HttpRequestMessage(method, new Uri(Address.Uri.AbsoluteUri + (fullQuery.Length == 0 ? "" : "?" + fullQuery)));
                request.Headers.TryAddWithoutValidation("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("x-ms-version", ApiVersion);
                headers(request);
                if (body != null)
                {
                    request.Content = new ByteArrayContent(body);
                }
                _credential.Authorize(request, Address.Account);
                answer = HttpTransport.SendBlocking(request, Timeout, CancellationToken.None, repeatable: !appends);
                answer.FailureDetail = answer.FailureDetail is null ? null : SasRedaction.Redact(answer.FailureDetail);
                if (answer.TransportFailure is null && answer.Status != 500 && answer.Status != 503)
                {
                    break;
                }
            }
            return answer;
        }
    }
}
