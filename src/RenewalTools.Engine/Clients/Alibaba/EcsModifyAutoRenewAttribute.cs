using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Alibaba
{
    /// <summary>
    /// ECS ModifyInstanceAutoRenewAttribute 2014-05-26 (help.aliyun.com 52843; policy-and-evidence.md §2): up to 100
    /// comma-separated IDs, RenewalStatus AutoRenewal | Normal | NotRenewal (it wins over AutoRenew), and the auto-renew
    /// period Duration with PeriodUnit Month | Year.
    /// </summary>
    internal sealed class EcsModifyAutoRenewAttribute : AutoRenewApi
    {
        private static readonly int[] Months = { 1, 2, 3, 6, 12, 24, 36, 48, 60 };
        private static readonly int[] Years = { 1, 2, 3, 4, 5 };
        private static readonly Regex IdShape = new Regex("^i-[a-z0-9]{8,}$", RegexOptions.CultureInvariant);

        private readonly AlibabaSignature _signature;

        public EcsModifyAutoRenewAttribute(AlibabaSignature signature, double requestsPerSecond)
        {
            _signature = signature;
            RequestsPerSecond = requestsPerSecond;
        }

        public override string Service => "ECS";
        public override string Action => "ModifyInstanceAutoRenewAttribute";
        public override CloudProvider Provider => CloudProvider.Alibaba;
        public override int MaxBatchSize => 100;
        /// <summary>Not documented; the same conservative default as the renewal, which the user can change.</summary>
        public override double RequestsPerSecond { get; }
        public override ErrorCatalog Errors => ErrorCatalog.Alibaba;
        protected override Regex UsualIdShape => IdShape;
        protected override string UsualIdExample => "i-bp67acfmxazb4ph12345";

        public override IEnumerable<KeyValuePair<string, AutoRenewPolicy>> Spellings =>
            new[] { AutoRenewPolicy.AutoRenew, AutoRenewPolicy.Manual, AutoRenewPolicy.NoRenewal }
                .Select(p => new KeyValuePair<string, AutoRenewPolicy>(AutoRenewPolicies.EcsStatus(p), p));

        /// <summary>
        /// The orchestration template of this action marks Duration required (aliyun/oos-templates,
        /// ACS::ECS::ModifyInstanceAutoRenewAttribute); without one asked for, one month, as Tencent auto-renews.
        /// </summary>
        public override int? DefaultDuration => 1;

        public override string Spell(AutoRenewPolicy policy) => "RenewalStatus " + AutoRenewPolicies.EcsStatus(policy);

        protected override string? CheckPeriod(AutoRenewRequest request)
        {
            if (request.Policy != AutoRenewPolicy.AutoRenew)
            {
                return request.Duration.HasValue || request.PeriodUnit != null ? "-Duration and -PeriodUnit set the auto-renew period: give them with -Policy AutoRenew only." : null;
            }
            if (request.Duration is null)
            {
                return request.PeriodUnit is null ? null : "-PeriodUnit needs -Duration.";
            }
            var allowed = string.Equals(request.PeriodUnit, "Year", StringComparison.OrdinalIgnoreCase) ? Years : Months;
            return allowed.Contains(request.Duration.Value)
                ? null
                : "Duration " + request.Duration.Value.ToString(CultureInfo.InvariantCulture) + " is not accepted by " + Action + "; allowed " + (allowed == Years ? "years" : "months") + ": " + string.Join(", ", allowed) + ".";
        }

        /// <summary>Unchanged only when the period matches too, where one was asked for.</summary>
        public override bool Shows(AutoRenewRequest request, CloudInstance instance) =>
            base.Shows(request, instance)
            && (request.Duration is null || (instance.AutoRenewDuration == request.Duration && string.Equals(instance.AutoRenewPeriodUnit, request.PeriodUnit ?? DefaultPeriodUnit, StringComparison.OrdinalIgnoreCase)));

        public override HttpRequestMessage BuildRequest(IReadOnlyList<AutoRenewRequest> batch, SigningContext context)
        {
            var first = batch[0];
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["RegionId"] = first.Region,
                ["InstanceId"] = string.Join(",", batch.Select(r => r.InstanceId)),
                ["RenewalStatus"] = AutoRenewPolicies.EcsStatus(first.Policy!.Value),
                ["AutoRenew"] = first.Policy == AutoRenewPolicy.AutoRenew ? "true" : "false",
            };
            if (first.Policy == AutoRenewPolicy.AutoRenew)
            {
                parameters["Duration"] = (first.Duration ?? DefaultDuration!.Value).ToString(CultureInfo.InvariantCulture);
                parameters["PeriodUnit"] = first.PeriodUnit ?? DefaultPeriodUnit;
            }
            return AlibabaRpc.Request(_signature, EcsRenewInstance.HostFor(first.Region), Action, EcsRenewInstance.Version, parameters, context);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => AlibabaRpc.ParseAnswer(httpStatus, body);

        public override string SanitizeMessage(string message) => AlibabaRpc.SanitizeMessage(message);
    }
}
