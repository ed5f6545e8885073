using System;
using RenewalTools.Errors;

namespace RenewalTools.Transport
{
    /// <summary>What came back from one HTTP exchange, or which transport failure prevented an answer.</summary>
    internal sealed class HttpExchange
    {
        public int Status { get; set; }
        public string Body { get; set; } = "";
        public DateTimeOffset? ServerDate { get; set; }
        /// <summary>Response and content headers (names case-insensitive; repeated values joined with ", ").</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, string> Headers { get; set; } = new System.Collections.Generic.Dictionary<string, string>();
        /// <summary>Set when no HTTP answer was read: one of <see cref="TransportCodes"/>.</summary>
        public string? TransportFailure { get; set; }
        public string? FailureDetail { get; set; }
        public TimeSpan Elapsed { get; set; }
    }
}
