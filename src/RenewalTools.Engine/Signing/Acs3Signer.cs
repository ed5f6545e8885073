using System;
using System.Collections.Generic;
using System.Linq;

namespace RenewalTools.Signing
{
    /// <summary>Alibaba V3 ACS3-HMAC-SHA256 (cloud-apis.md §5.3).</summary>
    internal static class Acs3Signer
    {
        public const string Algorithm = "ACS3-HMAC-SHA256";

        /// <param name="headers">Lower-case names: host, content-type (if any) and every x-acs-* header to sign.</param>
        public static string CanonicalRequest(string method, IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> headers, string hashedPayload, out string signedHeaders)
        {
            var sortedHeaders = headers
                .Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value.Trim()))
                .OrderBy(h => h.Key, StringComparer.Ordinal)
                .ToList();
            signedHeaders = string.Join(";", sortedHeaders.Select(h => h.Key));
            var canonicalHeaders = string.Concat(sortedHeaders.Select(h => h.Key + ":" + h.Value + "\n"));
            return method + "\n/\n" + AlibabaRpcSigner.CanonicalQuery(query) + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + hashedPayload;
        }

        /// <summary>No date or scope line, and the key is the raw secret (§5.3 steps 5-6).</summary>
        public static string Authorization(string accessKeyId, string accessKeySecret, string canonicalRequest, string signedHeaders)
        {
            var stringToSign = Algorithm + "\n" + Crypto.Sha256Hex(canonicalRequest);
            var signature = Crypto.Hex(Crypto.HmacSha256(Crypto.Utf8(accessKeySecret), stringToSign));
            return Algorithm + " Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature;
        }
    }
}
