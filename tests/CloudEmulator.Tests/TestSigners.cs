using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace CloudEmulator.Tests;

/// <summary>
/// Minimal client-side signers, written separately from the emulator's verifiers (and from the module) so the
/// end-to-end tests check one implementation against another.
/// </summary>
internal static class TestSigners
{
    private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();
    private static byte[] Mac256(byte[] key, string s) => new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes(s));

    public static long Now(int offsetSeconds = 0) => DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds;

    public static HttpRequestMessage Tc3(Uri baseUri, string service, string action, string version, string? region, string body,
        string secretId, string secretKey, long? timestamp = null, string? token = null, bool signAction = false)
    {
        var ts = timestamp ?? Now();
        var date = DateTimeOffset.FromUnixTimeSeconds(ts).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string contentType = "application/json; charset=utf-8";
        var host = baseUri.Authority;
        var headers = signAction
            ? $"content-type:{contentType}\nhost:{host}\nx-tc-action:{action.ToLowerInvariant()}\n"
            : $"content-type:{contentType}\nhost:{host}\n";
        var signed = signAction ? "content-type;host;x-tc-action" : "content-type;host";
        var canonical = $"POST\n/\n\n{headers}\n{signed}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
        var scope = $"{date}/{service}/tc3_request";
        var toSign = $"TC3-HMAC-SHA256\n{ts}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var k = Mac256(Mac256(Mac256(Encoding.UTF8.GetBytes("TC3" + secretKey), date), service), "tc3_request");
        var sig = Hex(Mac256(k, toSign));
        var msg = new HttpRequestMessage(HttpMethod.Post, baseUri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        msg.Headers.TryAddWithoutValidation("Authorization", $"TC3-HMAC-SHA256 Credential={secretId}/{scope}, SignedHeaders={signed}, Signature={sig}");
        msg.Headers.Add("X-TC-Action", action);
        msg.Headers.Add("X-TC-Version", version);
        msg.Headers.Add("X-TC-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
        if (region is not null) msg.Headers.Add("X-TC-Region", region);
        if (token is not null) msg.Headers.Add("X-TC-Token", token);
        return msg;
    }

    private static int nonce = 1000;

    /// <summary>Legacy gateway GET with signature v1 (raw sorted values; Host includes the port).</summary>
    public static HttpRequestMessage TencentV1(Uri baseUri, IDictionary<string, string> business, string secretId, string secretKey,
        bool sha256 = true, long? timestamp = null, int? fixedNonce = null, bool post = false)
    {
        var p = new Dictionary<string, string>(business)
        {
            ["SecretId"] = secretId,
            ["Timestamp"] = (timestamp ?? Now()).ToString(CultureInfo.InvariantCulture),
            ["Nonce"] = (fixedNonce ?? System.Threading.Interlocked.Increment(ref nonce)).ToString(CultureInfo.InvariantCulture),
        };
        if (sha256) p["SignatureMethod"] = "HmacSHA256";
        var method = post ? "POST" : "GET";
        var joined = string.Join("&", p.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        var toSign = method + baseUri.Authority + "/v2/index.php?" + joined;
        var key = Encoding.UTF8.GetBytes(secretKey);
        p["Signature"] = Convert.ToBase64String(sha256 ? new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes(toSign)) : new HMACSHA1(key).ComputeHash(Encoding.UTF8.GetBytes(toSign)));
        var encoded = string.Join("&", p.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
        return post
            ? new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/v2/index.php")) { Content = new StringContent(encoded, Encoding.UTF8, "application/x-www-form-urlencoded") }
            : new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "/v2/index.php?" + encoded));
    }

    public static string AliEncode(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(((int)b).ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static string AliTimestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Alibaba RPC with the legacy signature (SignatureVersion 1.0, HMAC-SHA1), everything in the query.</summary>
    public static HttpRequestMessage AliV1(Uri baseUri, IDictionary<string, string> business, string keyId, string secret,
        DateTimeOffset? time = null, string? signatureNonce = null, string? token = null, string method = "GET")
    {
        var p = new Dictionary<string, string>(business)
        {
            ["Action"] = business.TryGetValue("Action", out var a) ? a : "RenewInstance",
            ["Version"] = business.TryGetValue("Version", out var v) ? v : "2014-05-26",
            ["Format"] = business.TryGetValue("Format", out var f) ? f : "JSON",
            ["AccessKeyId"] = keyId,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = signatureNonce ?? Guid.NewGuid().ToString(),
            ["Timestamp"] = AliTimestamp(time ?? DateTimeOffset.UtcNow),
        };
        if (token is not null) p["SecurityToken"] = token;
        var canonical = string.Join("&", p.Select(kv => (AliEncode(kv.Key), AliEncode(kv.Value))).OrderBy(t => t.Item1, StringComparer.Ordinal).Select(t => t.Item1 + "=" + t.Item2));
        var toSign = method + "&%2F&" + AliEncode(canonical);
        var sig = Convert.ToBase64String(new HMACSHA1(Encoding.UTF8.GetBytes(secret + "&")).ComputeHash(Encoding.UTF8.GetBytes(toSign)));
        return new HttpRequestMessage(new HttpMethod(method), new Uri(baseUri, "/?" + canonical + "&Signature=" + AliEncode(sig)));
    }

    /// <summary>Alibaba RPC with ACS3-HMAC-SHA256: POST, parameters in the query, empty body.</summary>
    public static HttpRequestMessage Acs3(Uri baseUri, IDictionary<string, string> query, string keyId, string secret,
        DateTimeOffset? time = null, string? signatureNonce = null, string? token = null, string action = "RenewInstance", string? contentSha = null, string version = "2014-05-26")
    {
        var canonicalQuery = string.Join("&", query.Select(kv => (AliEncode(kv.Key), AliEncode(kv.Value))).OrderBy(t => t.Item1, StringComparer.Ordinal).Select(t => t.Item1 + "=" + t.Item2));
        var emptyHash = Hex(SHA256.HashData(Array.Empty<byte>()));
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = baseUri.Authority,
            ["x-acs-action"] = action,
            ["x-acs-content-sha256"] = contentSha ?? emptyHash,
            ["x-acs-date"] = AliTimestamp(time ?? DateTimeOffset.UtcNow),
            ["x-acs-signature-nonce"] = signatureNonce ?? Guid.NewGuid().ToString("N"),
            ["x-acs-version"] = version,
        };
        if (token is not null) headers["x-acs-security-token"] = token;
        var signed = string.Join(";", headers.Keys);
        var canonical = $"POST\n/\n{canonicalQuery}\n{string.Concat(headers.Select(h => h.Key + ":" + h.Value + "\n"))}\n{signed}\n{emptyHash}";
        var toSign = "ACS3-HMAC-SHA256\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var sig = Hex(Mac256(Encoding.UTF8.GetBytes(secret), toSign));
        var msg = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/?" + canonicalQuery));
        foreach (var (k, v) in headers.Where(h => h.Key != "host")) msg.Headers.TryAddWithoutValidation(k, v);
        msg.Headers.TryAddWithoutValidation("Authorization", $"ACS3-HMAC-SHA256 Credential={keyId},SignedHeaders={signed},Signature={sig}");
        return msg;
    }
}
