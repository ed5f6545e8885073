using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudEmulator.Verification;

/// <summary>Tencent API 3.0 TC3-HMAC-SHA256 (cloud-apis.md §1.3), checked from the bytes as received.</summary>
public static partial class Tc3Verifier
{
    public sealed record Credential(string SecretId, string Date, string Service, IReadOnlyList<string> SignedHeaders, string Signature);

    // Strict on the ", " separators: the real API documents exactly this layout (§1.3 step 8, §10 trap 1).
    [GeneratedRegex(@"^TC3-HMAC-SHA256 Credential=([^/\s,]+)/([0-9]{4}-[0-9]{2}-[0-9]{2})/([^/\s,]+)/tc3_request, SignedHeaders=([a-z0-9\-;]+), Signature=([0-9a-zA-Z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationPattern();

    public static Credential? ParseAuthorization(string? authorization)
    {
        var m = AuthorizationPattern().Match(authorization ?? "");
        if (!m.Success) return null;
        return new Credential(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value,
            m.Groups[4].Value.Split(';'), m.Groups[5].Value);
    }

    /// <summary>Canonical headers for the signed names; the x-tc-action value is lower-cased (§1.3 step 2).</summary>
    public static string CanonicalHeaders(IEnumerable<string> signedHeaders, Func<string, string?> header)
    {
        var sb = new StringBuilder();
        foreach (var name in signedHeaders.Select(h => h.ToLowerInvariant()).OrderBy(h => h, StringComparer.Ordinal))
        {
            var value = (header(name) ?? "").Trim();
            if (name == "x-tc-action") value = value.ToLowerInvariant();
            sb.Append(name).Append(':').Append(value).Append('\n');
        }
        return sb.ToString();
    }

    public static string CanonicalRequest(string method, string canonicalQuery, string canonicalHeaders, string signedHeaders, string hashedPayload) =>
        $"{method}\n/\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{hashedPayload}";

    public static string UtcDate(long timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string StringToSign(long timestamp, string date, string service, string canonicalRequest) =>
        $"TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{Crypto.Sha256Hex(canonicalRequest)}";

    public static byte[] SigningKey(string secretKey, string date, string service)
    {
        var kDate = Crypto.HmacSha256(Crypto.Utf8("TC3" + secretKey), date);
        var kService = Crypto.HmacSha256(kDate, service);
        return Crypto.HmacSha256(kService, "tc3_request");
    }

    public static string Signature(string secretKey, string date, string service, string stringToSign) =>
        Convert.ToHexStringLower(Crypto.HmacSha256(SigningKey(secretKey, date, service), stringToSign));

    /// <summary>
    /// Verifies a received request. Order: malformed header, unknown key, clock skew (&gt;300 s), signature.
    /// Scope service must be one we emulate (the product is read from it since the host is 127.0.0.1).
    /// </summary>
    public static VerificationResult Verify(string method, string canonicalQuery, Func<string, string?> header, byte[] body,
        Func<string, string?> secretOf, DateTimeOffset now, IReadOnlyCollection<string> knownServices)
    {
        var cred = ParseAuthorization(header("authorization"));
        if (cred is null)
            return new("AuthFailure.InvalidAuthorization", "Authorization header is missing or malformed (expected 'TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…').");
        var secret = secretOf(cred.SecretId);
        if (secret is null)
            return new("AuthFailure.SecretIdNotFound", $"The SecretId {cred.SecretId} is not found.");
        if (!long.TryParse(header("x-tc-timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
            return new("AuthFailure.InvalidAuthorization", "X-TC-Timestamp is missing or not an integer.");
        var skew = Math.Abs(now.ToUnixTimeSeconds() - ts);
        if (skew > 300)
            return new("AuthFailure.SignatureExpire", $"Signature expired: X-TC-Timestamp {ts} is {skew} s away from server time {now.ToUnixTimeSeconds()}.");
        if (!cred.SignedHeaders.Contains("content-type") || !cred.SignedHeaders.Contains("host"))
            return new("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.");
        var date = UtcDate(ts);
        if (cred.Date != date)
            return new("AuthFailure.SignatureFailure", $"Credential date {cred.Date} does not match the UTC date {date} of X-TC-Timestamp.");
        if (!knownServices.Contains(cred.Service))
            return new("AuthFailure.SignatureFailure", $"Credential service '{cred.Service}' is not a product served here.");
        var signedHeaders = string.Join(';', cred.SignedHeaders);
        var canonical = CanonicalRequest(method, canonicalQuery, CanonicalHeaders(cred.SignedHeaders, header), signedHeaders, Crypto.Sha256Hex(body));
        var expected = Signature(secret, date, cred.Service, StringToSign(ts, date, cred.Service, canonical));
        if (!Crypto.SameText(expected, cred.Signature))
            return new("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
        return VerificationResult.Success(cred.SecretId);
    }
}
