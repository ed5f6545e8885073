using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients
{
    /// <summary>What one signed request needs besides the instances: key, time (clock-corrected), endpoint override.</summary>
    internal sealed class SigningContext
    {
        public SigningContext(CloudCredential credential, DateTimeOffset now, Uri? endpoint)
        {
            Credential = credential;
            Now = now;
            Endpoint = endpoint;
        }

        public CloudCredential Credential { get; }
        public DateTimeOffset Now { get; }
        public Uri? Endpoint { get; }
        public long UnixSeconds => Now.ToUnixTimeSeconds();
    }

    /// <summary>The cloud's answer to one renewal request, reduced to what the engine needs.</summary>
    internal sealed class ApiAnswer
    {
        public bool Success { get; set; }
        public string? RequestId { get; set; }
        public string? DealId { get; set; }
        public string? OrderId { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
        /// <summary>The legacy gateway's numeric common code, when the named code is in codeDesc.</summary>
        public string? NumericCode { get; set; }
    }

    /// <summary>
    /// One cloud renewal action: its request shape, signature, limits and error table. The engine knows nothing
    /// about any cloud beyond this class.
    /// </summary>
    internal abstract class RenewalApi : RenewalTools.Engine.CloudAction
    {
        public abstract CloudProvider Provider { get; }
        public abstract int MaxBatchSize { get; }
        /// <summary>The documented per-account rate limit for this action.</summary>
        public abstract double RequestsPerSecond { get; }
        /// <summary>Status of a success: Submitted where the cloud completes asynchronously.</summary>
        public abstract RenewalStatus SuccessStatus { get; }
        /// <summary>True when a resend of a request that may have executed cannot charge twice (ECS ClientToken).</summary>
        public virtual bool ResendIsHarmless => false;
        /// <summary>
        /// The request carries InstanceChargePrepaid.RenewFlag, whose documented default (NOTIFY_AND_MANUAL_RENEW) applies
        /// when it is omitted: a renewal then sends the instance's current flag unless the user asked for one.
        /// </summary>
        public virtual bool CarriesRenewFlag => false;
        /// <summary>The name the cloud records this renewal under in the instance's LatestOperation (CVM); null where it keeps none.</summary>
        public virtual string? OperationName => null;
        /// <summary>The cloud bills each renewal as an order that its billing API lists (Tencent DescribeDealsByCond).</summary>
        public bool ListsOrders => Provider == CloudProvider.Tencent;
        /// <summary>The usual shape of an instance ID: a mismatch warns, it never blocks (cloud-apis.md §8).</summary>
        protected abstract Regex UsualIdShape { get; }
        protected abstract string UsualIdExample { get; }

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

        public string? IdShapeWarning(string instanceId) => UsualIdShape.IsMatch(instanceId)
            ? null
            : "'" + instanceId + "' does not look like a " + Service + " instance ID (usually like " + UsualIdExample + "); it is sent as given and the cloud decides.";

        /// <summary>Fixes what must not change between attempts (ECS: the ClientToken), before the journal records the intent.</summary>
        public virtual void Prepare(RenewalRequest request)
        {
        }

        /// <summary>Instances that can share one request.</summary>
        public virtual string BatchKey(RenewalRequest r) =>
            string.Join("|", r.Region, r.Period?.ToString(CultureInfo.InvariantCulture) ?? "", r.Unit.ToString(), r.RenewFlagToSend ?? "", r.RenewPortableDataDisk?.ToString() ?? "", r.ExpectedRenewDay?.ToString(CultureInfo.InvariantCulture) ?? "");

        /// <summary>Builds and signs a fresh request (new timestamp and nonce on every attempt).</summary>
        public abstract HttpRequestMessage BuildRequest(IReadOnlyList<RenewalRequest> batch, SigningContext context);

        /// <summary>A short description of the renewal for confirmation prompts and logs.</summary>
        public virtual string DescribeRenewal(RenewalRequest r) =>
            "Renew for " + r.Period?.ToString(CultureInfo.InvariantCulture) + " month(s) (" + Action + ") - charges the account";
    }
}
