using System;
using System.Security.Cryptography;
using System.Text;

namespace CloudEmulator.Verification;

internal static class Crypto
{
    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
    public static string Sha256Hex(string s) => Sha256Hex(Utf8(s));
    public static byte[] HmacSha256(byte[] key, string msg) => HMACSHA256.HashData(key, Utf8(msg));
    public static byte[] HmacSha1(byte[] key, string msg) => HMACSHA1.HashData(key, Utf8(msg));

    /// <summary>Constant-time string comparison so timing does not leak how much of a signature matched.</summary>
    public static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Utf8(a), Utf8(b));
}

/// <summary>Outcome of a signature check. <see cref="ErrorCode"/> is null when the request is authentic.</summary>
public sealed record VerificationResult(string? ErrorCode, string Message, string? KeyId = null)
{
    public bool Ok => ErrorCode is null;
    public static VerificationResult Success(string keyId) => new(null, "", keyId);
}
