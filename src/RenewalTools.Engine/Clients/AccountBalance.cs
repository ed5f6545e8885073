namespace RenewalTools.Clients
{
    /// <summary>What the account can spend, in the currency's main unit (yuan, dollars).</summary>
    internal sealed class AccountBalance
    {
        public AccountBalance(decimal available, string? currency)
        {
            Available = available;
            Currency = currency;
        }

        public decimal Available { get; }
        public string? Currency { get; }
    }
}
