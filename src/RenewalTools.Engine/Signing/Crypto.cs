using System;
using System.Security.Cryptography;
using System.Text;

namespace RenewalTools.Signing
{
    internal static class Crypto
    {
        public static byte[] Sha256(byte[] data)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(data);
        }

        public static string Sha256Hex(byte[] data) => Hex(Sha256(data));

        public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

        public static byte[] HmacSha256(byte[] key, string message)
        {
            using var hmac = new HMACSHA256(key);
            return hmac.ComputeHash(Encoding.UTF8.GetBytes(message));
        }

        public static byte[] HmacSha1(byte[] key, string message)
        {
            using var hmac = new HMACSHA1(key);
            return hmac.ComputeHash(Encoding.UTF8.GetBytes(message));
        }

        public static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        public static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);
    }
}
