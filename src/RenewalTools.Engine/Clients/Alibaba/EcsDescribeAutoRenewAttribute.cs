using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Alibaba
{
    /// <summary>
    /// ECS DescribeInstanceAutoRenewAttribute 2014-05-26 (help.aliyun.com 52844): up to 100 comma-separated IDs, PageSize
    /// 100; answer InstanceRenewAttributes.InstanceRenewAttribute[] {InstanceId, AutoRenewEnabled, Duration, PeriodUnit,
    /// RenewalStatus}. ECS DescribeInstances carries no policy, so Get-EcsInstance and Set-EcsAutoRenew read this too.
    /// </summary>
    internal sealed class EcsDescribeAutoRenewAttribute : PolicyReader
    {
        private readonly AlibabaSignature _signature;

        public EcsDescribeAutoRenewAttribute(AlibabaSignature signature, double requestsPerSecond)
        {
            _signature = signature;
            RequestsPerSecond = requestsPerSecond;
        }

        public override string Service => "ECS";
        public override string Action => "DescribeInstanceAutoRenewAttribute";
        public override CloudProvider Provider => CloudProvider.Alibaba;
        public override double RequestsPerSecond { get; }
        public override ErrorCatalog Errors => ErrorCatalog.Alibaba;

        public override HttpRequestMessage BuildRequest(string region, IReadOnlyList<string> instanceIds, SigningContext context)
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["RegionId"] = region,
                ["InstanceId"] = string.Join(",", instanceIds),
                ["PageSize"] = InstanceReader.PageSize.ToString(CultureInfo.InvariantCulture),
                ["PageNumber"] = "1",
            };
            return AlibabaRpc.Request(_signature, EcsRenewInstance.HostFor(region), Action, EcsRenewInstance.Version, parameters, context);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => AlibabaRpc.ParseAnswer(httpStatus, body);

        public override string SanitizeMessage(string message) => AlibabaRpc.SanitizeMessage(message);

        public override bool Apply(string body, IReadOnlyDictionary<string, CloudInstance> instances)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (!doc.RootElement.TryGetProperty("InstanceRenewAttributes", out var wrapper) || !wrapper.TryGetProperty("InstanceRenewAttribute", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }
                foreach (var item in list.EnumerateArray())
                {
                    if (Json.Text(item, "InstanceId") is string id && instances.TryGetValue(id, out var instance))
                    {
                        instance.AutoRenew = AutoRenewPolicies.FromEcsStatus(Json.Text(item, "RenewalStatus"));
                        instance.AutoRenewDuration = int.TryParse(Json.Text(item, "Duration"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var duration) ? duration : (int?)null;
                        var unit = Json.Text(item, "PeriodUnit");
                        // The doc's sample spells it lowercase ("week"); the request takes Month | Year.
                        instance.AutoRenewPeriodUnit = string.IsNullOrEmpty(unit) ? null : char.ToUpperInvariant(unit![0]) + unit.Substring(1).ToLowerInvariant();
                    }
                }
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
