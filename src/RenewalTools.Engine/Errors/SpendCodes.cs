namespace RenewalTools.Errors
{
    /// <summary>Codes of the spend checks (quotes, -MaxTotalPrice, the balance preflight).</summary>
    internal static class SpendCodes
    {
        public const string SpendCapExceeded = "SpendCapExceeded";
        public const string PriceUnknown = "PriceUnknown";
        public const string CurrencyMismatch = "CurrencyMismatch";
        public const string InsufficientBalance = "InsufficientBalance";
        public const string BalanceNotChecked = "BalanceNotChecked";
        public const string PriceMissing = "PriceMissing";
        public const string NotQuotable = "NotQuotable";
        public const string QuoteFailed = "QuoteFailed";
    }
}
