namespace RenewalTools.Engine
{
    /// <summary>What the operator allows a run to spend (issue #11).</summary>
    internal sealed class SpendLimits
    {
        /// <summary>No renewal is sent unless every instance is priced and the total is at most this.</summary>
        public decimal? MaxTotalPrice { get; set; }
        /// <summary>The currency the cap is stated in; quotes in another currency refuse the run.</summary>
        public string? Currency { get; set; }
        /// <summary>A quoted total above the balance (or a balance that cannot be read) refuses the run instead of warning.</summary>
        public bool RequireBalance { get; set; }
        /// <summary>Read the balance before the first renewal.</summary>
        public bool CheckBalance { get; set; }
        /// <summary>The run must be priced before anything is sent, so every instance is held until then.</summary>
        public bool PricesFirst => MaxTotalPrice.HasValue || RequireBalance;
    }
}
