using System;
using System.Globalization;
using System.Linq;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The one rule table for "did an unanswered renewal execute?" (about_RenewalTools, EVIDENCE BEFORE A RESEND). A resend
    /// needs evidence that nothing executed; a timer alone is never that evidence.
    /// <list type="bullet">
    /// <item>ECS: the resend carries the same ClientToken, which makes it the same order (cloud-apis.md §6); not settled here.</item>
    /// <item>Any cloud: the expiry moved by the period → Renewed.</item>
    /// <item>CVM: a LatestOperation of this action with a RequestId other than the one read before sending → it executed
    /// (OPERATING, SUCCESS) or failed (FAILED). Still the one read before, after the settle window → no operation of ours.</item>
    /// <item>Tencent: a renew order in billing DescribeDealsByCond created since the first attempt → executed (paid,
    /// delivering, delivered) or nothing renewed (delivery failed, refunded, closed); no such order after the settle window
    /// → it did not execute. An order whose zone-less time could be ours or an earlier one forbids a resend.</item>
    /// </list>
    /// Did not execute = expiry unchanged, no order that could be ours, and (CVM) the operation record unchanged; with
    /// billing unreadable, CVM's operation record alone. Anything else stays Unknown and is not resent.
    /// </summary>
    internal static class ExecutionEvidence
    {
        /// <summary>Orders this much older than the first attempt still count as possibly ours: the two clocks differ.</summary>
        public static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(2);

        /// <summary>CVM says so (LatestOperation RenewInstances OPERATING); MongoDB and ECS have no such signal.</summary>
        public static bool IsRenewalInProgress(CloudInstance instance) =>
            instance.LatestOperation == "RenewInstances" && instance.OperationRunning;

        /// <summary>
        /// The expiry moved forward by (about) the renewed period. A few days of slack: month lengths, ECS minute
        /// precision and MongoDB's zone-less DeadLine make the exact figure differ; a renewal is at least a week.
        /// </summary>
        public static bool Moved(RenewalRequest r, DateTimeOffset? now)
        {
            if (!r.PreviousExpiry.HasValue || !now.HasValue || now.Value <= r.PreviousExpiry.Value)
            {
                return false;
            }
            if (r.ExpectedRenewDay.HasValue || r.Period is null)
            {
                return true;
            }
            var expected = r.Unit == PeriodUnit.Week ? r.PreviousExpiry.Value.AddDays(7 * r.Period.Value) : r.PreviousExpiry.Value.AddMonths(r.Period.Value);
            return now.Value >= expected.AddDays(r.Unit == PeriodUnit.Week ? -1 : -3);
        }

        /// <summary>What the instance read back says; null when it says nothing either way.</summary>
        public static Evidence? FromInstance(RenewalApi api, RenewalRequest r, CloudInstance instance)
        {
            if (Moved(r, instance.ExpiresAt))
            {
                return Evidence.Renewed("the expiry moved from " + Iso(r.PreviousExpiry) + " to " + Iso(instance.ExpiresAt), instance.ExpiresAt!.Value);
            }
            if (!HasNewOperation(api, r, instance))
            {
                return null;
            }
            var operation = instance.LatestOperation + " " + instance.LatestOperationRequestId;
            return instance.OperationFailed
                ? Evidence.Failed("the cloud reports the operation " + operation + " FAILED: " + instance.LatestOperationError)
                : Evidence.Executed("the cloud records the operation " + operation + " (" + instance.LatestOperationState + ")");
        }

        /// <summary>CVM: the instance's latest operation is still the one read before the first attempt.</summary>
        public static bool OperationUnchanged(RenewalApi api, RenewalRequest r, CloudInstance instance) =>
            api.OperationName != null && r.OperationBefore != null && (instance.LatestOperationRequestId ?? "") == r.OperationBefore;

        /// <summary>What the billing orders of the instance since <paramref name="since"/> say (already widened by <see cref="ClockMargin"/>).</summary>
        public static Evidence FromOrders(RenewalRequest r, OrderPage page, DateTimeOffset since)
        {
            var renewals = page.Orders
                .Where(o => o.Action is null || o.Action == "renew")
                .Where(o => o.ResourceIds is null || o.ResourceIds.Contains(r.InstanceId, StringComparer.OrdinalIgnoreCase))
                .ToList();
            var possiblyOurs = renewals.Where(o => !o.TryCreatedBetween(out _, out var latest) || latest >= since).ToList();
            if (possiblyOurs.Count == 0)
            {
                return page.Complete
                    ? Evidence.Absent("billing lists no renew order for it since " + Iso(since))
                    : Evidence.Ambiguous("billing lists more renew orders for it than one answer holds");
            }
            var ours = possiblyOurs.Where(o => o.ResourceIds != null && o.TryCreatedBetween(out var earliest, out _) && earliest >= since).ToList();
            var executed = ours.FirstOrDefault(o => o.Executed);
            if (executed != null)
            {
                return Evidence.Executed("billing lists its renew " + executed.Describe());
            }
            var open = possiblyOurs.FirstOrDefault(o => !o.Executed && !o.Closed);
            if (open != null)
            {
                return Evidence.Ambiguous("billing lists a renew " + open.Describe() + " that is neither delivered nor closed");
            }
            if (ours.Count == possiblyOurs.Count && ours.All(o => o.Closed))
            {
                return Evidence.Failed("billing lists its renew " + ours[0].Describe() + " as not delivered: nothing was renewed");
            }
            return Evidence.Ambiguous("billing lists a renew " + possiblyOurs[0].Describe() + " that may be this attempt's or an earlier one (its time has no zone)");
        }

        public static string Iso(DateTimeOffset? time) => time.HasValue ? time.Value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "unknown";

        /// <summary>A LatestOperation of this renewal's action that was not there before the first attempt.</summary>
        private static bool HasNewOperation(RenewalApi api, RenewalRequest r, CloudInstance instance) =>
            api.OperationName != null && r.OperationBefore != null && instance.LatestOperation == api.OperationName
            && !string.IsNullOrEmpty(instance.LatestOperationRequestId) && instance.LatestOperationRequestId != r.OperationBefore;
    }
}
