using System;
using System.Globalization;

namespace RenewalTools.Signing
{
    /// <summary>
    /// Tencent Cloud API 3.0 TC3-HMAC-SHA256 (cloud-apis.md §1.3). The credential-scope service is the
    /// product name (cvm, mongodb), never derived from an -Endpoint override.
    /// </summary>
    internal static class Tc3Signer
    {
        public const string Algorithm = "TC3-HMAC-SHA256";
        public const string SignedHeaders = "content-type;host";

        public sealed class Signature
        {
            public Signature(string authorization, string canonicalRequest, string stringToSign)
            {
                Authorization = authorization;
                CanonicalRequest = canonicalRequest;
                StringToSign = stringToSign;
            }

            public string Authorization { get; }
            public string CanonicalRequest { get; }
            public string StringToSign { get; }
        }

        public static Signature Sign(string secretId, string secretKey, string service, string host, string contentType, byte[] body, long timestamp)
        {
            var canonicalRequest = "POST\n/\n\n"
                + "content-type:" + contentType.Trim() + "\n"
                + "host:" + host.Trim() + "\n\n"
                + SignedHeaders + "\n"
                + Crypto.Sha256Hex(body);
            // The scope date is the UTC date of the timestamp: local time breaks near midnight in UTC+8 (§1.3 step 5).
            var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var scope = date + "/" + service + "/tc3_request";
            var stringToSign = Algorithm + "\n" + timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + scope + "\n" + Crypto.Sha256Hex(canonicalRequest);
            var signature = Crypto.Hex(Crypto.HmacSha256(SigningKey(secretKey, date, service), stringToSign));
            var authorization = Algorithm + " Credential=" + secretId + "/" + scope + ", SignedHeaders=" + SignedHeaders + ", Signature=" + signature;
            return new Signature(authorization, canonicalRequest, stringToSign);
        }

        public static byte[] SigningKey(string secretKey, string date, string service)
        {
            var kDate = Crypto.HmacSha256(Crypto.Utf8("TC3" + secretKey), date);
            var kService = Crypto.HmacSha256(kDate, service);
            return Crypto.HmacSha256(kService, "tc3_request");
        }
    }
}
