using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using RenewalTools.Transport;

namespace RenewalTools.Storage
{
    /// <summary>
    /// The managed identity of an Azure Automation job: a token for https://storage.azure.com/ from IDENTITY_ENDPOINT with
    /// the IDENTITY_HEADER secret (learn: enable-managed-identity-for-automation; azure-storage.md), sent as a bearer token.
    /// </summary>
    internal sealed class ManagedIdentityCredential : BlobCredential
    {
        public const string Resource = "https://storage.azure.com/";
        private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);
        private readonly Uri _endpoint;
        private readonly string _identityHeader;
        private readonly string? _clientId;
        private readonly object _gate = new object();
        private string? _token;
        private DateTimeOffset _expires;

        public ManagedIdentityCredential(Uri endpoint, string identityHeader, string? clientId, string source)
            : base(source)
        {
            _endpoint = endpoint;
            _identityHeader = identityHeader;
            _clientId = clientId;
        }

        public override void Authorize(HttpRequestMessage request, string account)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token());
        }

        private string Token()
        {
            lock (_gate)
            {
                if (_token is null || DateTimeOffset.UtcNow > _expires - RefreshBefore)
                {
                    (_token, _expires) = Fetch();
                }
                return _token;
            }
        }

        private (string Token, DateTimeOffset Expires) Fetch()
        {
            var query = "resource=" + Uri.EscapeDataString(Resource) + "&api-version=2019-08-01" + (_clientId is null ? "" : "&client_id=" + Uri.EscapeDataString(_clientId));
            var uri = new Uri(_endpoint + (_endpoint.Query.Length > 0 ? "&" : "?") + query);
            HttpExchange answer = new HttpExchange();
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                // A token request is a GET: the HTTP stack may repeat it without harm.
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("X-IDENTITY-HEADER", _identityHeader);
                request.Headers.TryAddWithoutValidation("Metadata", "True");
                answer = HttpTransport.SendBlocking(request, TimeSpan.FromSeconds(30), CancellationToken.None, repeatable: true);
                if (answer.TransportFailure is null && answer.Status < 500)
                {
                    break;
                }
            }
            if (answer.TransportFailure != null || answer.Status != 200)
            {
                throw new BlobStorageException("The managed identity endpoint (" + Source + ") gave no token for " + Resource + ": "
                    + (answer.TransportFailure != null ? answer.TransportFailure + " (" + answer.FailureDetail + ")" : "HTTP " + answer.Status + " " + Shorten(answer.Body))
                    + ". In Azure Automation, turn on the account's managed identity and grant it Storage Blob Data Contributor on the container.", answer.Status, answer.TransportFailure);
            }
            using var json = JsonDocument.Parse(answer.Body);
            var token = json.RootElement.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                throw new BlobStorageException("The managed identity endpoint answered without an access_token.", answer.Status);
            }
            return (token!, ExpiresOn(json.RootElement));
        }

        /// <summary>expires_on is epoch seconds, as a string or a number depending on the endpoint; without it, assume ten minutes.</summary>
        private static DateTimeOffset ExpiresOn(JsonElement answer)
        {
            if (answer.TryGetProperty("expires_on", out var e))
            {
                var text = e.ValueKind == JsonValueKind.Number ? e.GetRawText() : e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                {
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                }
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                {
                    return when;
                }
            }
            return DateTimeOffset.UtcNow.AddMinutes(10);
        }

        private static string Shorten(string text) => text.Length > 300 ? text.Substring(0, 300) + "..." : text;
    }
}
