using System.Collections.Generic;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>One DescribeDealsByCond answer: its orders, and whether they are every order that matched.</summary>
    internal sealed class OrderPage
    {
        public OrderPage(IReadOnlyList<BillingOrder> orders, bool complete)
        {
            Orders = orders;
            Complete = complete;
        }

        public IReadOnlyList<BillingOrder> Orders { get; }
        public bool Complete { get; }
    }
}
