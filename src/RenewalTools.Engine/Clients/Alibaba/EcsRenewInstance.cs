using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Errors;
using RenewalTools.Signing;

namespace RenewalTools.Clients.Alibaba
{
    /// <summary>
    /// ECS RenewInstance 2014-05-26 (seed 003, cloud-apis.md §6): one instance per call. Every request carries a
    /// ClientToken derived from the renewal and the idempotency key, so a resend after "may have executed" returns the
    /// original order instead of charging again.
    /// </summary>
    internal sealed class EcsRenewInstance : RenewalApi
    {
        public const string Version = "2014-05-26";
        private static readonly int[] Weeks = { 1, 2, 3, 4 };
        private static readonly int[] Months = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60 };
        private static readonly Regex IdShape = new Regex("^i-[a-z0-9]{8,}$", RegexOptions.CultureInvariant);

        // The official SDK's endpoint map (ecs20140526 client _endpointMap): every other region is ecs.<region>.aliyuncs.com.
        private static readonly Dictionary<string, string> HostExceptions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cn-hangzhou"] = "ecs-cn-hangzhou.aliyuncs.com",
            ["cn-shanghai-finance-1"] = "ecs-cn-hangzhou.aliyuncs.com",
            ["cn-shenzhen-finance-1"] = "ecs-cn-hangzhou.aliyuncs.com",
            ["cn-north-2-gov-1"] = "ecs.aliyuncs.com",
            ["cn-beijing-finance-pop"] = "ecs.aliyuncs.com",
            ["cn-beijing-gov-1"] = "ecs.aliyuncs.com",
            ["ap-northeast-2-pop"] = "ecs.aliyuncs.com",
        };

        private readonly AlibabaSignature _signature;
        private readonly string _idempotencyKey;

        public EcsRenewInstance(AlibabaSignature signature, string idempotencyKey, double requestsPerSecond)
        {
            _signature = signature;
            _idempotencyKey = idempotencyKey;
            RequestsPerSecond = requestsPerSecond;
        }

        public override string Service => "ECS";
        public override string Action => "RenewInstance";
        public override CloudProvider Provider => CloudProvider.Alibaba;
        public override int MaxBatchSize => 1;
        /// <summary>Not documented for RenewInstance (cloud-apis.md §9); a conservative default the user can change.</summary>
        public override double RequestsPerSecond { get; }
        public override ErrorCatalog Errors => ErrorCatalog.Alibaba;
        public override RenewalStatus SuccessStatus => RenewalStatus.Renewed;
        public override bool ResendIsHarmless => true;
        protected override Regex UsualIdShape => IdShape;
        protected override string UsualIdExample => "i-bp67acfmxazb4ph12345";

        public static string HostFor(string region) => HostExceptions.TryGetValue(region, out var host) ? host : "ecs." + region + ".aliyuncs.com";

        /// <summary>Seed 003: Week 1-4; Month 1-12, 24, 36, 48, 60 (the international site accepts fewer and says InvalidPeriod).</summary>
        public override IReadOnlyCollection<int> AllowedPeriods(PeriodUnit unit) => unit == PeriodUnit.Week ? Weeks : Months;

        public override string? CheckRequest(RenewalRequest request)
        {
            if (request.Period.HasValue && request.ExpectedRenewDay.HasValue)
            {
                return "Give either -Period (with -PeriodUnit) or -ExpectedRenewDay, not both (ECS RenewInstance).";
            }
            if (request.ExpectedRenewDay.HasValue)
            {
                return request.ExpectedRenewDay.Value >= 1 && request.ExpectedRenewDay.Value <= 28 ? null : "-ExpectedRenewDay must be 1-28.";
            }
            if (request.Period is null)
            {
                return "-Period (with -PeriodUnit) or -ExpectedRenewDay is required.";
            }
            if (request.RenewFlag != null || request.RenewPortableDataDisk.HasValue)
            {
                return "ECS RenewInstance has no RenewFlag or RenewPortableDataDisk parameter.";
            }
            return CheckPeriodIn(request.Period.Value, request.Unit);
        }

        /// <summary>
        /// At most 64 ASCII characters (§6). Deterministic in the renewal and the key, so retries and same-key reruns
        /// reuse it; a different renewal of the same instance gets a different token.
        /// </summary>
        public string ClientTokenFor(RenewalRequest r)
        {
            var material = string.Join("\n", "RenewInstance", r.InstanceId, r.Period?.ToString(CultureInfo.InvariantCulture) ?? "", r.Unit.ToString(), r.ExpectedRenewDay?.ToString(CultureInfo.InvariantCulture) ?? "", _idempotencyKey);
            return "rt1-" + Crypto.Sha256Hex(material).Substring(0, 48);
        }

        /// <summary>A token recorded by an earlier run's journal wins: it names the renewal that may already have executed.</summary>
        public override void Prepare(RenewalRequest request) => request.ClientToken ??= ClientTokenFor(request);

        public override HttpRequestMessage BuildRequest(IReadOnlyList<RenewalRequest> batch, SigningContext context)
        {
            var r = batch[0];
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["InstanceId"] = r.InstanceId,
                ["ClientToken"] = r.ClientToken ??= ClientTokenFor(r),
            };
            if (r.ExpectedRenewDay.HasValue)
            {
                parameters["ExpectedRenewDay"] = r.ExpectedRenewDay.Value.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                parameters["Period"] = (r.Period ?? 0).ToString(CultureInfo.InvariantCulture);
                parameters["PeriodUnit"] = r.Unit.ToString();
            }
            return AlibabaRpc.Request(_signature, HostFor(r.Region), Action, Version, parameters, context);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => AlibabaRpc.ParseAnswer(httpStatus, body, root => Json.Text(root, "OrderId"));

        public override string SanitizeMessage(string message) => AlibabaRpc.SanitizeMessage(message);

        public override string DescribeRenewal(RenewalRequest r) => r.ExpectedRenewDay.HasValue
            ? "Renew to the unified expiry day " + r.ExpectedRenewDay.Value.ToString(CultureInfo.InvariantCulture) + " (RenewInstance) - charges the account"
            : "Renew for " + r.Period?.ToString(CultureInfo.InvariantCulture) + " " + r.Unit.ToString().ToLowerInvariant() + "(s) (RenewInstance) - charges the account";
    }
}
