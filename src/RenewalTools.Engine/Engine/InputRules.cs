using System.Text.RegularExpressions;

namespace RenewalTools.Engine
{
    /// <summary>
    /// Checks made before any request. Policy (cloud-apis.md §8: no official ID regex exists): reject only what cannot
    /// be an ID on any cloud (empty, spaces or separators inside, control characters, over 128 characters); warn when an
    /// ID does not have the service's usual shape, and let the cloud decide.
    /// </summary>
    internal static class InputRules
    {
        // Every cloud's IDs are printable ASCII without separators; anything else is a pasting or column mistake.
        private static readonly Regex ImpossibleIdCharacters = new Regex(@"[^\x21-\x7E]|[,;""'|\\/@{}=]", RegexOptions.CultureInvariant);
        private static readonly Regex RegionShape = new Regex("^[a-z]{2,}(-[a-z0-9]+)+$", RegexOptions.CultureInvariant);

        /// <summary>
        /// Removes padding a spreadsheet or a paste adds: spaces of any kind (incl. no-break and ideographic), tabs and
        /// line breaks. Control characters such as U+0085 stay, so the check below reports them.
        /// </summary>
        public static string? TrimPadding(string? value)
        {
            if (value is null)
            {
                return null;
            }
            var start = 0;
            var end = value.Length;
            while (start < end && IsPadding(value[start]))
            {
                start++;
            }
            while (end > start && IsPadding(value[end - 1]))
            {
                end--;
            }
            return value.Substring(start, end - start);
        }

        private static bool IsPadding(char c) => c == '\t' || c == '\r' || c == '\n' || (char.IsWhiteSpace(c) && !char.IsControl(c));

        /// <summary>Checks an ID after trimming; surrounding whitespace (a padded CSV cell) is not an error.</summary>
        public static string? CheckInstanceId(string? id)
        {
            if (id is null)
            {
                return "The instance ID is missing ($null): does the input have an InstanceId, Id or InstanceIds column?";
            }
            if (id.StartsWith("@{", System.StringComparison.Ordinal))
            {
                return "The input has no InstanceId, instanceId, Id or InstanceIds property, so PowerShell passed the whole row ('" + Printable(id) + "') as the instance ID.";
            }
            if (id.Length == 0)
            {
                return "The instance ID is empty.";
            }
            if (id!.Length > 128)
            {
                return "The instance ID is longer than 128 characters.";
            }
            if (ImpossibleIdCharacters.IsMatch(id))
            {
                return "The instance ID '" + Printable(id) + "' contains spaces, separators, non-ASCII or control characters, which no cloud ID has; give one ID per value (is a CSV cell holding several IDs?).";
            }
            return null;
        }

        public static string? CheckRegion(string? region, string fallbackHint)
        {
            if (string.IsNullOrWhiteSpace(region))
            {
                return "The region is missing: give -Region, a Region column, or set " + fallbackHint + ".";
            }
            return RegionShape.IsMatch(region) ? null : "'" + Printable(region!) + "' is not a region ID (expected lower case like ap-guangzhou or cn-hangzhou).";
        }

        private static string Printable(string value)
        {
            var cleaned = Regex.Replace(value, @"\p{C}", "?");
            return cleaned.Length > 64 ? cleaned.Substring(0, 64) + "…" : cleaned;
        }
    }
}
