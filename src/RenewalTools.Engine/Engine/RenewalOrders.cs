using System;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients.Tencent;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The billing orders of a run's instances (Tencent DescribeDealsByCond), read through the run's request path under the
    /// action's own limit. A key without finance read permission is asked once: after the refusal every lookup answers
    /// null at once, and <see cref="MissingEvidence"/> says which permission would supply the evidence.
    /// </summary>
    internal sealed class RenewalOrders
    {
        private readonly TencentDealsByCond _api = new TencentDealsByCond();
        private readonly CloudCaller _caller;
        private readonly RenewalOptions _options;
        private readonly RatePacer _pacer;
        private readonly Action<SessionEventKind, string> _post;
        private string? _refusal;
        private int _denied;

        public RenewalOrders(CloudCaller caller, RenewalOptions options, Action<SessionEventKind, string> post)
        {
            _caller = caller;
            _options = options;
            _post = post;
            _pacer = caller.PacerFor(_api, _api.RequestsPerSecond * options.PacingHeadroom);
        }

        /// <summary>Why the last lookup that failed gave no evidence, for a result's message.</summary>
        public string MissingEvidence => Volatile.Read(ref _refusal) ?? "the billing orders could not be read";

        /// <summary>The instance's orders since <paramref name="since"/>; null when billing cannot be read (see <see cref="MissingEvidence"/>).</summary>
        public async Task<OrderPage?> FindAsync(string instanceId, DateTimeOffset since, CancellationToken stop)
        {
            if (Volatile.Read(ref _denied) != 0)
            {
                return null;
            }
            var call = "billing " + _api.Action + " " + instanceId;
            try
            {
                var (page, _) = await _caller.ReadAsync(_api, _pacer, _options, context => _api.BuildRequest(instanceId, since, DateTimeOffset.UtcNow, context),
                    outcome => TencentDealsByCond.ParseOrders(outcome.Exchange.Body), call, _post, stop).ConfigureAwait(false);
                _post(SessionEventKind.Verbose, call + " -> " + page.Orders.Count + " order(s)");
                return page;
            }
            catch (CloudReadException ex)
            {
                var denied = ex.Failure.Category == FailureCategory.PermissionDenied;
                var reason = "the billing read " + _api.Action + (denied ? " was refused " : " failed ") + "(" + ex.Failure.Code + ")"
                    + (denied ? ": grant the key read access to billing orders (CAM action billing:DescribeDealsByCond, e.g. the policy QcloudFinanceBillReadOnlyAccess) so that an unanswered renewal can be settled" : "");
                Volatile.Write(ref _refusal, reason);
                if (denied && Interlocked.Exchange(ref _denied, 1) == 0)
                {
                    _post(SessionEventKind.Warning, "Billing orders cannot be read with this key: " + reason + ". Renewals whose answer is lost are reported Unknown rather than sent again.");
                }
                return null;
            }
        }
    }
}
