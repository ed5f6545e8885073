using System.Text.RegularExpressions;

namespace RenewalTools.Storage
{
    /// <summary>
    /// A SAS token is a bearer credential whose secret is its sig parameter (azure-storage.md, SAS): every text that may
    /// carry a blob URL or a token goes through here before it reaches a message, an error, a verbose line or the journal.
    /// </summary>
    internal static class SasRedaction
    {
        private static readonly Regex Signature = new Regex("(?<name>(^|[?&;\\s\"'])sig=)[^&\\s\"'<>]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public const string Mask = "REDACTED";

        public static string Redact(string? text) => text is null ? "" : Signature.Replace(text, m => m.Groups["name"].Value + Mask);
    }
}
