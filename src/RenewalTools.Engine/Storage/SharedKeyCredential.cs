using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using RenewalTools.Signing;

namespace RenewalTools.Storage
{
    /// <summary>
    /// Shared Key authorization (learn: authorize-with-shared-key; azure-storage.md): HMAC-SHA256 with the decoded account
    /// key over the verb, twelve standard headers, the sorted x-ms-* headers and the canonicalized resource.
    /// </summary>
    internal sealed class SharedKeyCredential : BlobCredential
    {
        private readonly string _account;
        private readonly byte[] _key;

        public SharedKeyCredential(string account, string base64Key, string source)
            : base(source)
        {
            _account = account;
            try
            {
                _key = Convert.FromBase64String(base64Key);
            }
            catch (FormatException)
            {
                throw new BlobStorageException("The storage account key from " + source + " is not base64: use the account's access key as the portal shows it.");
            }
        }

        /// <summary>The account the key belongs to.</summary>
        public string Account => _account;

        public override void Authorize(HttpRequestMessage request, string account)
        {
            var signature = Convert.ToBase64String(Crypto.HmacSha256(_key, StringToSign(request, account)));
            request.Headers.TryAddWithoutValidation("Authorization", "SharedKey " + account + ":" + signature);
        }

        /// <summary>The string the doc signs; Content-Length is empty when zero (x-ms-version 2015-02-21 and later).</summary>
        internal static string StringToSign(HttpRequestMessage request, string account)
        {
            var length = request.Content?.Headers.ContentLength;
            var text = new StringBuilder();
            text.Append(request.Method.Method).Append('\n');
            text.Append(Header(request, "Content-Encoding")).Append('\n');
            text.Append(Header(request, "Content-Language")).Append('\n');
            text.Append(length is null || length == 0 ? "" : length.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var name in new[] { "Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range" })
            {
                text.Append(Header(request, name)).Append('\n');
            }
            foreach (var h in request.Headers.Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                .Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), string.Join(",", h.Value).Trim()))
                .OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                text.Append(h.Key).Append(':').Append(h.Value).Append('\n');
            }
            // The path as sent: for Azurite's path-style URL the account appears twice (/account/account/container/blob).
            text.Append('/').Append(account).Append(request.RequestUri!.AbsolutePath);
            foreach (var p in QueryParameters(request.RequestUri.Query).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append('\n').Append(p.Key).Append(':').Append(p.Value);
            }
            return text.ToString();
        }

        private static string Header(HttpRequestMessage request, string name) =>
            request.Headers.TryGetValues(name, out var values) || (request.Content != null && request.Content.Headers.TryGetValues(name, out values))
                ? string.Join(",", values)
                : "";

        private static IEnumerable<KeyValuePair<string, string>> QueryParameters(string query) =>
            query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split(new[] { '=' }, 2))
                .GroupBy(p => WebUtility.UrlDecode(p[0]).ToLowerInvariant())
                .Select(g => new KeyValuePair<string, string>(g.Key, string.Join(",", g.Select(p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "").OrderBy(v => v, StringComparer.Ordinal))));
    }
}
