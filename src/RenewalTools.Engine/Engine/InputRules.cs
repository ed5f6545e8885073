using System;
using System.Collections.Generic;
using System.Globalization;
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

        /// <summary>An empty or all-padding cell means "not given", like a missing column.</summary>
        public static bool IsBlank(object? cell) => cell is null || (cell is string text && TrimPadding(text)!.Length == 0);

        /// <summary>
        /// A whole number from a cell or a typed value. Strict on purpose: PowerShell's own [int] conversion rounds "1.5"
        /// to 2, reads "1e1" as 10 and "0x1" as 1, and each of those would renew (and charge) a period nobody wrote.
        /// </summary>
        public static string? ParseWholeNumber(object cell, string name, out int value)
        {
            value = 0;
            switch (cell)
            {
                case int number:
                    value = number;
                    return null;
                case long or short or byte or sbyte or uint or ushort or ulong or double or float or decimal:
                    decimal exact;
                    try
                    {
                        exact = Convert.ToDecimal(cell, CultureInfo.InvariantCulture);
                    }
                    catch (OverflowException)
                    {
                        return name + " " + Printable(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "") + " is not a whole number in range.";
                    }
                    if (decimal.Truncate(exact) != exact || exact < int.MinValue || exact > int.MaxValue)
                    {
                        return name + " " + exact.ToString(CultureInfo.InvariantCulture) + " is not a whole number; renewals are by whole months, weeks or days.";
                    }
                    value = (int)exact;
                    return null;
                default:
                    var text = TrimPadding(Convert.ToString(cell, CultureInfo.InvariantCulture)) ?? "";
                    return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
                        ? null
                        : name + " '" + Printable(text) + "' is not a whole number (digits 0-9 only; no decimals, exponents, separators or hex).";
            }
        }

        /// <summary>True or false from a cell: PowerShell makes any non-empty string $true, so "False" would mean true.</summary>
        public static string? ParseBoolean(object cell, string name, out bool value)
        {
            value = false;
            switch (cell)
            {
                case bool flag:
                    value = flag;
                    return null;
                case int number when number == 0 || number == 1:
                    value = number == 1;
                    return null;
            }
            var text = TrimPadding(Convert.ToString(cell, CultureInfo.InvariantCulture)) ?? "";
            switch (text.ToUpperInvariant())
            {
                case "TRUE":
                case "$TRUE":
                case "YES":
                case "1":
                    value = true;
                    return null;
                case "FALSE":
                case "$FALSE":
                case "NO":
                case "0":
                    return null;
            }
            return name + " '" + Printable(text) + "' is not true or false (true/false, yes/no or 1/0).";
        }

        /// <summary>One of the API's spellings, matched without regard to case or padding and returned as the API spells it.</summary>
        public static string? ParseChoice(object cell, string name, IReadOnlyList<string> allowed, out string value)
        {
            var text = TrimPadding(Convert.ToString(cell, CultureInfo.InvariantCulture)) ?? "";
            foreach (var spelling in allowed)
            {
                if (string.Equals(spelling, text, StringComparison.OrdinalIgnoreCase))
                {
                    value = spelling;
                    return null;
                }
            }
            value = text;
            return name + " '" + Printable(text) + "' is not one of " + string.Join(", ", allowed) + ".";
        }

        /// <summary>A text cell (a region), padding trimmed; its shape is checked where it is used.</summary>
        public static string? ParseText(object cell, string name, out string value)
        {
            value = TrimPadding(Convert.ToString(cell, CultureInfo.InvariantCulture)) ?? "";
            return null;
        }

        private static string Printable(string value)
        {
            var cleaned = Regex.Replace(value, @"\p{C}", "?");
            return cleaned.Length > 64 ? cleaned.Substring(0, 64) + "…" : cleaned;
        }
    }
}
