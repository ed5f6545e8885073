using System;
using System.Collections.Generic;
using System.Globalization;

namespace RenewalTools.Clients
{
    /// <summary>
    /// One product's "set the auto-renew policy" action. Setting a policy is idempotent: sending it twice leaves the same
    /// policy and charges nothing, so a lost answer is simply sent again (policy-and-evidence.md §2).
    /// </summary>
    internal abstract class AutoRenewApi : WriteApi<AutoRenewRequest>
    {
        public override bool ResendIsHarmless => true;

        /// <summary>The unit of an auto-renew period when none is given (ECS -PeriodUnit).</summary>
        public const string DefaultPeriodUnit = "Month";

        /// <summary>The auto-renew period sent when a change to AutoRenew asks for none; null where the action takes no period.</summary>
        public virtual int? DefaultDuration => null;

        /// <summary>The cloud's own spellings of a policy, accepted in a Policy cell and by -Policy besides the module's names.</summary>
        public abstract IEnumerable<KeyValuePair<string, AutoRenewPolicy>> Spellings { get; }

        /// <summary>How the cloud spells the policy on the wire.</summary>
        public abstract string Spell(AutoRenewPolicy policy);

        /// <summary>Input checks of this action; returns the problem or null.</summary>
        public virtual string? CheckRequest(AutoRenewRequest request)
        {
            if (request.Policy is null)
            {
                return "-Policy (or a Policy column) is required: AutoRenew, Manual or NoRenewal.";
            }
            return CheckPeriod(request);
        }

        /// <summary>The auto-renew period's checks: by default the action takes none.</summary>
        protected virtual string? CheckPeriod(AutoRenewRequest request) => request.Duration.HasValue || request.PeriodUnit != null
            ? Action + " takes no auto-renew period (-Duration, -PeriodUnit): " + Service + " renews one month at a time."
            : null;

        /// <summary>The instance already has what the request asks for.</summary>
        public virtual bool Shows(AutoRenewRequest request, CloudInstance instance) => instance.AutoRenew == request.Policy;

        public override string BatchKey(AutoRenewRequest r) =>
            string.Join("|", r.Region, r.Policy?.ToString() ?? "", r.Duration?.ToString(CultureInfo.InvariantCulture) ?? "", r.PeriodUnit ?? "");

        /// <summary>The change, for confirmation prompts: switching auto-renewal off can let production expire.</summary>
        public string Describe(AutoRenewRequest r)
        {
            var duration = r.Duration ?? (r.Policy == AutoRenewPolicy.AutoRenew ? DefaultDuration : null);
            return "Set auto-renew to " + r.Policy
                + (duration.HasValue ? " every " + duration.Value.ToString(CultureInfo.InvariantCulture) + " " + (r.PeriodUnit ?? DefaultPeriodUnit).ToLowerInvariant() + "(s)" + (r.Duration.HasValue ? "" : " (the default)") : "")
                + " (" + Action + " " + Spell(r.Policy!.Value) + ")"
                + (r.Policy == AutoRenewPolicy.AutoRenew ? " - charges the account at each expiry" : " - the instance expires at the end of its term unless renewed");
        }

        /// <summary>Module names and the cloud's spellings, case-insensitive.</summary>
        public IReadOnlyDictionary<string, AutoRenewPolicy> AcceptedSpellings
        {
            get
            {
                var all = new Dictionary<string, AutoRenewPolicy>(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in AutoRenewPolicies.Names)
                {
                    all[pair.Key] = pair.Value;
                }
                foreach (var pair in Spellings)
                {
                    all[pair.Key] = pair.Value;
                }
                return all;
            }
        }
    }
}
