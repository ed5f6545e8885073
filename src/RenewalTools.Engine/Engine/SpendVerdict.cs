using System.Collections.Generic;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>The outcome of the checks before spending: refused (with the one error), or allowed with warnings.</summary>
    internal sealed class SpendVerdict
    {
        public ErrorClass? Refusal { get; set; }
        public string Message { get; set; } = "";
        public List<string> Warnings { get; } = new List<string>();
        public bool Allowed => Refusal is null;
        /// <summary>The sum of the known prices, how many quotes have none, and the currency they are in (if stated or given).</summary>
        public decimal Total { get; set; }
        public int Unpriced { get; set; }
        public string? Currency { get; set; }
    }
}
