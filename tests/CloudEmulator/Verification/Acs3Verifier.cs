using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudEmulator.Verification;

/// <summary>Alibaba V3 ACS3-HMAC-SHA256 (cloud-apis.md §5.3).</summary>
public static partial class Acs3Verifier
{
    public sealed record Credential(string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature);

    // No spaces after the commas (§5.3 step 7).
    [GeneratedRegex(@"^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([a-z0-9\-;]+),Signature=([0-9a-zA-Z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationPattern();

    public static Credential? ParseAuthorization(string? authorization)
    {
        var m = AuthorizationPattern().Match(authorization ?? "");
        return m.Success ? new Credential(m.Groups[1].Value, m.Groups[2].Value.Split(';'), m.Groups[3].Value) : null;
    }

    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Select(p => (Name: AliyunRpcVerifier.PercentEncode(p.Key), Value: AliyunRpcVerifier.PercentEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    public static string CanonicalHeaders(IEnumerable<string> signedHeaders, Func<string, string?> header)
    {
        var sb = new StringBuilder();
        foreach (var name in signedHeaders.Select(h => h.ToLowerInvariant()).OrderBy(h => h, StringComparer.Ordinal))
            sb.Append(name).Append(':').Append((header(name) ?? "").Trim()).Append('\n');
        return sb.ToString();
    }

    public static string CanonicalRequest(string method, string canonicalQuery, string canonicalHeaders, string signedHeaders, string hashedPayload) =>
        $"{method.ToUpperInvariant()}\n/\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{hashedPayload}";

    public static string StringToSign(string canonicalRequest) => "ACS3-HMAC-SHA256\n" + Crypto.Sha256Hex(canonicalRequest);

    /// <summary>The key is the raw secret, without "&amp;" (§10 trap 2).</summary>
    public static string Sign(string secret, string stringToSign) =>
        Convert.ToHexStringLower(Crypto.HmacSha256(Crypto.Utf8(secret), stringToSign));

    /// <summary>
    /// Order: malformed Authorization, unknown key, x-acs-date format/window, body hash, signed-header coverage, signature.
    /// Every received x-acs-* header and host must be signed (the official SDKs sign all of them).
    /// </summary>
    public static VerificationResult Verify(string method, IEnumerable<KeyValuePair<string, string>> queryParameters,
        Func<string, string?> header, IEnumerable<string> receivedHeaderNames, byte[] body, Func<string, string?> secretOf, DateTimeOffset now)
    {
        var cred = ParseAuthorization(header("authorization"));
        if (cred is null)
            return new("IncompleteSignature", "The Authorization header is missing or malformed (expected 'ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…').");
        var secret = secretOf(cred.AccessKeyId);
        if (secret is null)
            return new("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        var date = header("x-acs-date");
        if (!AliyunRpcVerifier.TryParseTimestamp(date, out var ts))
            return new("InvalidTimeStamp.Format", "Specified time stamp or date value (x-acs-date) is not well formatted.");
        if ((now - ts).Duration() > TimeSpan.FromMinutes(15))
            return new("InvalidTimeStamp.Expired", $"Specified time stamp or date value is expired. x-acs-date {date}, server time {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.");
        var bodyHash = Crypto.Sha256Hex(body);
        if (!string.Equals(header("x-acs-content-sha256")?.Trim(), bodyHash, StringComparison.Ordinal))
            return new("SignatureDoesNotMatch", "The x-acs-content-sha256 header does not match the SHA-256 of the request body.");
        var mustSign = receivedHeaderNames.Select(h => h.ToLowerInvariant()).Where(h => h.StartsWith("x-acs-", StringComparison.Ordinal)).Append("host");
        var missing = mustSign.Where(h => !cred.SignedHeaders.Contains(h)).ToList();
        if (missing.Count > 0)
            return new("SignatureDoesNotMatch", "SignedHeaders must include: " + string.Join(';', missing));
        var canonical = CanonicalRequest(method, CanonicalQuery(queryParameters), CanonicalHeaders(cred.SignedHeaders, header),
            string.Join(';', cred.SignedHeaders), bodyHash);
        var sts = StringToSign(canonical);
        if (!Crypto.SameText(Sign(secret, sts), cred.Signature))
            return new("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + sts);
        return VerificationResult.Success(cred.AccessKeyId);
    }
}
