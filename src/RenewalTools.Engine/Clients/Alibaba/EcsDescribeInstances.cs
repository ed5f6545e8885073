using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Alibaba
{
    /// <summary>
    /// ECS DescribeInstances 2014-05-26: MaxResults 100 with NextToken (then TotalCount means nothing), InstanceIds as a
    /// JSON array, times with minute precision (cloud-read-apis.md §A3). Its rate limit is not published.
    /// </summary>
    internal sealed class EcsDescribeInstances : InstanceReader
    {
        private static readonly string[] MinuteOrSecondUtc = { "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'" };
        private readonly AlibabaSignature _signature;

        public EcsDescribeInstances(AlibabaSignature signature, double requestsPerSecond)
        {
            _signature = signature;
            RequestsPerSecond = requestsPerSecond;
        }

        public override string Service => "ECS";
        public override string Action => "DescribeInstances";
        public override CloudProvider Provider => CloudProvider.Alibaba;
        /// <summary>Alibaba shows the limit only in the Quota Center (cloud-read-apis.md §A3): the user's -MaxRequestsPerSecond.</summary>
        public override double RequestsPerSecond { get; }
        public override ErrorCatalog Errors => ErrorCatalog.Alibaba;

        public override HttpRequestMessage BuildRequest(InstanceQuery query, string? cursor, SigningContext context)
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["RegionId"] = query.Region,
                ["MaxResults"] = PageSize.ToString(CultureInfo.InvariantCulture),
            };
            if (query.InstanceIds != null)
            {
                parameters["InstanceIds"] = JsonSerializer.Serialize(query.InstanceIds);
            }
            if (query.PrepaidOnly)
            {
                parameters["InstanceChargeType"] = "PrePaid";
            }
            if (cursor != null)
            {
                parameters["NextToken"] = cursor;
            }
            return AlibabaRpc.Request(_signature, EcsRenewInstance.HostFor(query.Region), Action, EcsRenewInstance.Version, parameters, context);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => AlibabaRpc.ParseAnswer(httpStatus, body);

        public override string SanitizeMessage(string message) => AlibabaRpc.SanitizeMessage(message);

        public override InstancePage? ParsePage(string body, InstanceQuery query, string? cursor, DateTimeOffset readAt)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (!root.TryGetProperty("Instances", out var wrapper) || !wrapper.TryGetProperty("Instance", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }
                var instances = list.EnumerateArray().Select(item =>
                {
                    var charge = Json.Text(item, "InstanceChargeType");
                    var instance = Instance(Json.Text(item, "InstanceId") ?? "", Json.Text(item, "RegionId") ?? query.Region,
                        charge == "PrePaid" ? CloudInstance.PrepaidCharge : charge == "PostPaid" ? CloudInstance.PostpaidCharge : charge ?? "",
                        Time(item, "ExpiredTime", MinuteOrSecondUtc, TimeSpan.Zero), readAt);
                    instance.Name = Json.Text(item, "InstanceName");
                    instance.State = Json.Text(item, "Status");
                    return instance;
                }).ToList();
                var next = Json.Text(root, "NextToken");
                return new InstancePage(instances, string.IsNullOrEmpty(next) || instances.Count == 0 ? null : next);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
