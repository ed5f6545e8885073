using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RenewalTools.Signing
{
    /// <summary>Tencent signature v1 (cloud-apis.md §4.2): HMAC over METHOD+host+path+"?"+sorted raw parameters.</summary>
    internal static class TencentV1Signer
    {
        public const string HmacSha256 = "HmacSHA256";
        public const string HmacSha1 = "HmacSHA1";

        public static string StringToSign(string method, string host, string path, IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var sb = new StringBuilder();
            sb.Append(method).Append(host).Append(path).Append('?');
            var first = true;
            // Ordinal order: uppercase before lowercase and "InstanceIds.12" before "InstanceIds.2" (§4.2 step 1).
            foreach (var p in parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!first)
                {
                    sb.Append('&');
                }
                first = false;
                sb.Append(p.Key).Append('=').Append(p.Value);
            }
            return sb.ToString();
        }

        /// <summary>Anything but exactly HmacSHA256 is checked by the gateway as HmacSHA1 (§4.1).</summary>
        public static string Sign(string secretKey, string stringToSign, string signatureMethod)
        {
            var key = Crypto.Utf8(secretKey);
            var mac = signatureMethod == HmacSha256 ? Crypto.HmacSha256(key, stringToSign) : Crypto.HmacSha1(key, stringToSign);
            return Crypto.Base64(mac);
        }
    }
}
