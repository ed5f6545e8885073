using System.Text;

namespace RenewalTools.Signing
{
    /// <summary>RFC 3986 encoding as Alibaba signs it (cloud-apis.md §5.2 step 2): only A-Z a-z 0-9 - _ . ~ stay literal, hex upper-case.</summary>
    internal static class PercentEncoding
    {
        public static string Encode(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            return sb.ToString();
        }
    }
}
