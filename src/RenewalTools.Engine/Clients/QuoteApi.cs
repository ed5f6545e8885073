using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;

namespace RenewalTools.Clients
{
    /// <summary>
    /// One cloud's renewal price inquiry: its request for one instance, its answer, its limit. Each instance is priced by a
    /// request of its own: whether a multi-ID inquiry answers a sum or one instance's figure is not documented
    /// (cloud-read-apis.md §C, UNCONFIRMED), and a split the cloud did not give would be invented.
    /// </summary>
    internal abstract class QuoteApi : RenewalTools.Engine.CloudAction
    {
        /// <summary>The documented per-account limit of this inquiry.</summary>
        public abstract double RequestsPerSecond { get; }

        /// <summary>Why this renewal has no inquiry that prices it, or null.</summary>
        public virtual string? CannotQuote(RenewalRequest request) => null;

        /// <summary>Signs the inquiry for one instance (fresh timestamp and nonce on every attempt).</summary>
        public abstract HttpRequestMessage BuildRequest(RenewalRequest request, SigningContext context);

        /// <summary>Reads an accepted answer's price; null when the body is not this inquiry's shape.</summary>
        public abstract QuotedPrice? ParsePrice(string body);



        /// <summary>A money figure sent as a JSON number or as a decimal string ("120.00"), read with the invariant culture.</summary>
        internal static decimal? ParseMoney(JsonElement parent, string name)
        {
            if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
            {
                return null;
            }
            var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return decimal.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var amount) ? amount : (decimal?)null;
        }

        /// <summary>Walks a path of object properties; false when any step is missing.</summary>
        internal static bool TryPath(JsonElement root, out JsonElement found, params string[] path)
        {
            found = root;
            foreach (var name in path)
            {
                if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Parses a body, or null when it is not JSON.</summary>
        internal static T? FromJson<T>(string body, Func<JsonElement, T?> read)
            where T : class
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                return read(doc.RootElement);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
