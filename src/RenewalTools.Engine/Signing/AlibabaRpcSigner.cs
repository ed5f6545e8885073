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
}
