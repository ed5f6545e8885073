using System;
using RenewalTools.Clients;

namespace RenewalTools.Engine
{
    /// <summary>What a renewal run checks before spending: the limits, and the product's price inquiry and balance read.</summary>
    internal sealed class SpendPlan
    {
        public SpendPlan(SpendLimits limits, QuoteApi quotes, BalanceApi balance)
        {
            Limits = limits;
            Quotes = quotes;
            Balance = balance;
        }

        public SpendLimits Limits { get; }
        public QuoteApi Quotes { get; }
        public BalanceApi Balance { get; }

        public SpendGate Gate(CloudCaller caller, RenewalOptions options, Action<SessionEventKind, string> post) =>
            new SpendGate(Limits, new PriceQuotes(Quotes, caller, options, post), Balance, caller, options, post);
    }
}
