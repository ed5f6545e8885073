using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Engine.Pipeline;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The renewal's pre-send gate: with a cap (or -RequireBalance), every admitted instance is held, priced and checked
    /// against the limits and the balance before the first renewal is sent; otherwise the balance is read once before the
    /// first renewal and only warns. The rules are <see cref="SpendGate"/>'s.
    /// </summary>
    internal sealed class SpendCheck : IPreSendGate<RenewalRequest>
    {
        private readonly SpendGate _spend;

        public SpendCheck(SpendGate spend)
        {
            _spend = spend;
        }

        public bool HoldsAll => _spend.Limits.PricesFirst;

        public (int Answered, int Asked)? Progress =>
            _spend.Quotes.Asked > _spend.Quotes.Answered ? (_spend.Quotes.Answered, _spend.Quotes.Asked) : ((int, int)?)null;

        public Task<SpendVerdict> CheckAsync(IReadOnlyList<RenewalRequest> held, CancellationToken stop) => _spend.CheckAsync(held, stop);

        public Task<SpendVerdict> BeforeFirstSendAsync(string region, CancellationToken stop) =>
            _spend.Limits.CheckBalance ? _spend.CheckBalanceOnlyAsync(region, stop) : Task.FromResult(new SpendVerdict());
    }
}
