using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients
{
    /// <summary>
    /// One cloud renewal action: its request shape, signature, limits and error table. The engine knows nothing
    /// about any cloud beyond this class.
    /// </summary>
    internal abstract class RenewalApi : WriteApi<RenewalRequest>
    {
        /// <summary>Status of a success: Submitted where the cloud completes asynchronously.</summary>
        public abstract RenewalStatus SuccessStatus { get; }
        /// <summary>
        /// The request carries InstanceChargePrepaid.RenewFlag, whose documented default (NOTIFY_AND_MANUAL_RENEW) applies
        /// when it is omitted: a renewal then sends the instance's current flag unless the user asked for one.
        /// </summary>
        public virtual bool CarriesRenewFlag => false;
        /// <summary>The name the cloud records this renewal under in the instance's LatestOperation (CVM); null where it keeps none.</summary>
        public virtual string? OperationName => null;
        /// <summary>The cloud bills each renewal as an order that its billing API lists (Tencent DescribeDealsByCond).</summary>
        public bool ListsOrders => Provider == CloudProvider.Tencent;

        public abstract IReadOnlyCollection<int> AllowedPeriods(PeriodUnit unit);

        /// <summary>API-specific checks on one input; returns the problem or null.</summary>
        public virtual string? CheckRequest(RenewalRequest request)
        {
            if (request.Period is null)
            {
                return "-Period is required (months).";
            }
            if (request.Unit != PeriodUnit.Month)
            {
                return Action + " renews by month only; -PeriodUnit " + request.Unit + " is not accepted.";
            }
            return CheckPeriodIn(request.Period.Value, request.Unit);
        }

        protected string? CheckPeriodIn(int period, PeriodUnit unit)
        {
            var allowed = AllowedPeriods(unit);
            foreach (var p in allowed)
            {
                if (p == period)
                {
                    return null;
                }
            }
            return "Period " + period.ToString(CultureInfo.InvariantCulture) + " is not accepted by " + Action + "; allowed " + unit.ToString().ToLowerInvariant() + "s: " + string.Join(", ", allowed) + ".";
        }

        /// <summary>Instances that can share one request.</summary>
        public override string BatchKey(RenewalRequest r) =>
            string.Join("|", r.Region, r.Period?.ToString(CultureInfo.InvariantCulture) ?? "", r.Unit.ToString(), r.RenewFlagToSend ?? "", r.RenewPortableDataDisk?.ToString() ?? "", r.ExpectedRenewDay?.ToString(CultureInfo.InvariantCulture) ?? "");

        /// <summary>A short description of the renewal for confirmation prompts and logs.</summary>
        public virtual string DescribeRenewal(RenewalRequest r) =>
            "Renew for " + r.Period?.ToString(CultureInfo.InvariantCulture) + " month(s) (" + Action + ") - charges the account";
    }
}
