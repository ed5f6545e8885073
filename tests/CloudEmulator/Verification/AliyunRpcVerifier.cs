using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CloudEmulator.Verification;

/// <summary>Alibaba legacy RPC signature, SignatureVersion 1.0 / HMAC-SHA1 (cloud-apis.md §5.2).</summary>
public static class AliyunRpcVerifier
{
    /// <summary>RFC 3986 over UTF-8, uppercase hex; only A–Z a–z 0–9 - _ . ~ stay literal.</summary>
    public static string PercentEncode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
                sb.Append(c);
            else
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static string CanonicalizedQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Where(p => p.Key != "Signature")
            .Select(p => (Name: PercentEncode(p.Key), Value: PercentEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
        method.ToUpperInvariant() + "&%2F&" + PercentEncode(CanonicalizedQuery(parameters));

    /// <summary>The key is the secret followed by "&amp;" (§10 trap 2).</summary>
    public static string Sign(string secret, string stringToSign) =>
        Convert.ToBase64String(Crypto.HmacSha1(Crypto.Utf8(secret + "&"), stringToSign));

    public static bool TryParseTimestamp(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, new[] { "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'" },
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>Order: missing signature parts, unknown key, timestamp format, ±15 min window, signature. Nonce reuse is the caller's.</summary>
    public static VerificationResult Verify(string method, IReadOnlyDictionary<string, string> parameters,
        Func<string, string?> secretOf, DateTimeOffset now)
    {
        foreach (var required in new[] { "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp" })
            if (!parameters.TryGetValue(required, out var v) || v.Length == 0)
                return new("IncompleteSignature", $"The request signature does not conform to Aliyun standards: {required} is missing.");
        var keyId = parameters["AccessKeyId"];
        var secret = secretOf(keyId);
        if (secret is null)
            return new("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        if (!TryParseTimestamp(parameters["Timestamp"], out var ts))
            return new("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        if ((now - ts).Duration() > TimeSpan.FromMinutes(15))
            return new("InvalidTimeStamp.Expired", $"Specified time stamp or date value is expired. Timestamp {parameters["Timestamp"]}, server time {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.");
        if (parameters["SignatureMethod"] != "HMAC-SHA1" || parameters["SignatureVersion"] != "1.0")
            return new("IncompleteSignature", "Only SignatureMethod=HMAC-SHA1 with SignatureVersion=1.0 is supported.");
        var sts = StringToSign(method, parameters);
        if (!Crypto.SameText(Sign(secret, sts), parameters["Signature"]))
            // The real cloud echoes its string to sign (cloud-apis.md §5.4); the module must not log it blindly.
            return new("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + sts);
        return VerificationResult.Success(keyId);
    }
}
