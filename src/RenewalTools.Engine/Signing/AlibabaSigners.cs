using System;
using System.Collections.Generic;
using System.Linq;

namespace RenewalTools.Signing
{
    /// <summary>Alibaba RPC signature, SignatureVersion 1.0 with HMAC-SHA1 (cloud-apis.md §5.2).</summary>
    internal static class AlibabaRpcSigner
    {
        public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
            string.Join("&", parameters
                .Where(p => p.Key != "Signature")
                .Select(p => new KeyValuePair<string, string>(PercentEncoding.Encode(p.Key), PercentEncoding.Encode(p.Value)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value));

        /// <summary>The canonical query is encoded a second time (§5.2 step 4).</summary>
        public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
            method + "&%2F&" + PercentEncoding.Encode(CanonicalQuery(parameters));

        /// <summary>The key is the secret followed by '&amp;' (§5.2 step 5; V3 differs).</summary>
        public static string Sign(string accessKeySecret, string stringToSign) =>
            Crypto.Base64(Crypto.HmacSha1(Crypto.Utf8(accessKeySecret + "&"), stringToSign));
    }

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
