namespace RenewalTools.Clients
{
    /// <summary>A price as one inquiry answered it; a figure the answer lacks is null (unknown), never zero.</summary>
    internal sealed class QuotedPrice
    {
        public decimal? OriginalPrice { get; set; }
        /// <summary>What the renewal will charge.</summary>
        public decimal? Price { get; set; }
        public string? Currency { get; set; }
    }
}
