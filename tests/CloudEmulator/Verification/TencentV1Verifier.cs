using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CloudEmulator.Verification;

/// <summary>Tencent signature v1 for the legacy gateway (cloud-apis.md §4.2).</summary>
public static class TencentV1Verifier
{
    /// <summary>METHOD + host + path + "?" + sorted raw k=v pairs (Signature excluded), ASCII order.</summary>
    public static string StringToSign(string method, string host, string path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var pairs = parameters.Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value);
        return method.ToUpperInvariant() + host + path + "?" + string.Join('&', pairs);
    }

    /// <summary>Anything other than exactly "HmacSHA256" is checked as HmacSHA1 (§4.1).</summary>
    public static string Sign(string secretKey, string stringToSign, string? signatureMethod) =>
        Convert.ToBase64String(signatureMethod == "HmacSHA256"
            ? Crypto.HmacSha256(Crypto.Utf8(secretKey), stringToSign)
            : Crypto.HmacSha1(Crypto.Utf8(secretKey), stringToSign));

    /// <summary>
    /// Returns API 3.0 style codes; the gateway handler maps them to the numeric envelope.
    /// Nonce replay is checked by the caller (it needs shared state).
    /// </summary>
    public static VerificationResult Verify(string method, string host, string path, IReadOnlyDictionary<string, string> parameters,
        Func<string, string?> secretOf, DateTimeOffset now)
    {
        foreach (var required in new[] { "SecretId", "Signature", "Timestamp", "Nonce" })
            if (!parameters.TryGetValue(required, out var v) || v.Length == 0)
                return new("MissingParameter", $"The common parameter {required} is missing.");
        var secretId = parameters["SecretId"];
        var secret = secretOf(secretId);
        if (secret is null)
            return new("AuthFailure.SecretIdNotFound", $"The SecretId {secretId} is not found.");
        if (!long.TryParse(parameters["Timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
            return new("InvalidParameter", "Timestamp is not an integer.");
        var skew = Math.Abs(now.ToUnixTimeSeconds() - ts);
        if (skew > 300)
            return new("AuthFailure.SignatureExpire", $"Timestamp {ts} is {skew} s away from server time {now.ToUnixTimeSeconds()}.");
        parameters.TryGetValue("SignatureMethod", out var alg);
        var expected = Sign(secret, StringToSign(method, host, path, parameters), alg);
        if (!Crypto.SameText(expected, parameters["Signature"]))
            return new("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
        return VerificationResult.Success(secretId);
    }
}
