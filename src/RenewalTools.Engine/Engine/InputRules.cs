using System.Text.RegularExpressions;
using RenewalTools.Clients;

namespace RenewalTools.Engine
{
    /// <summary>
    /// Checks made before any request. Policy (cloud-apis.md §8: no official ID regex exists): reject only what cannot
    /// be an ID on any cloud (empty, spaces or separators inside, control characters, over 128 characters); warn when an
    /// ID does not have the service's usual shape, and let the cloud decide.
    /// </summary>
    internal static class InputRules
    {
        private static readonly Regex ImpossibleIdCharacters = new Regex(@"[\s,;""'|\\/\p{C}]", RegexOptions.CultureInvariant);
        private static readonly Regex RegionShape = new Regex("^[a-z]{2,}(-[a-z0-9]+)+$", RegexOptions.CultureInvariant);

        public static string? CheckInstanceId(string? id)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                return "The instance ID is empty.";
            }
            if (id!.Length > 128)
            {
                return "The instance ID is longer than 128 characters.";
            }
            if (ImpossibleIdCharacters.IsMatch(id))
            {
                return "The instance ID '" + Printable(id) + "' contains spaces, separators or control characters; give one ID per value (is a CSV cell holding several IDs?).";
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

        /// <summary>Checks one normalised request against the API; returns the first problem.</summary>
        public static string? Check(RenewalApi api, RenewalRequest request) => api.CheckRequest(request);

        private static string Printable(string value)
        {
            var cleaned = Regex.Replace(value, @"\p{C}", "?");
            return cleaned.Length > 64 ? cleaned.Substring(0, 64) + "…" : cleaned;
        }
    }
}
