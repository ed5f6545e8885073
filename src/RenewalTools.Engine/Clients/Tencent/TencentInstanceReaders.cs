using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>What the two Tencent reads share: the API 3.0 request and envelope, offset paging with TotalCount.</summary>
    internal abstract class TencentInstanceReader : InstanceReader
    {
        private readonly TencentProduct _product;

        protected TencentInstanceReader(TencentProduct product)
        {
            _product = product;
        }

        public override string Service => _product.Service;
        public override CloudProvider Provider => CloudProvider.Tencent;
        public override ErrorCatalog Errors => ErrorCatalog.TencentApi3;

        public override HttpRequestMessage BuildRequest(InstanceQuery query, string? cursor, SigningContext context)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                if (query.InstanceIds != null)
                {
                    json.WriteStartArray("InstanceIds");
                    foreach (var id in query.InstanceIds)
                    {
                        json.WriteStringValue(id);
                    }
                    json.WriteEndArray();
                }
                WriteFilters(json, query);
                json.WriteNumber("Offset", cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture));
                json.WriteNumber("Limit", PageSize);
                json.WriteEndObject();
            }
            return TencentApi3.Request(_product, Action, query.Region, stream.ToArray(), context);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => httpStatus == 200 ? TencentEnvelope.ParseApi3(body) : null;

        public override InstancePage? ParsePage(string body, InstanceQuery query, string? cursor, DateTimeOffset readAt)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (!doc.RootElement.TryGetProperty("Response", out var response) || !response.TryGetProperty(ListName, out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }
                var instances = new List<CloudInstance>();
                foreach (var item in list.EnumerateArray())
                {
                    instances.Add(Read(item, query.Region, readAt));
                }
                var total = response.TryGetProperty("TotalCount", out var t) && t.TryGetInt64(out var n) ? n : instances.Count;
                return new InstancePage(instances, query.InstanceIds is null ? NextOffset(cursor, instances.Count, total) : null, total);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        protected abstract string ListName { get; }

        protected abstract void WriteFilters(Utf8JsonWriter json, InstanceQuery query);

        protected abstract CloudInstance Read(JsonElement item, string region, DateTimeOffset readAt);
    }

    /// <summary>CVM DescribeInstances 2017-03-12: 40 requests/s; InstanceIds and Filters never together (cloud-read-apis.md §A1).</summary>
    internal sealed class CvmDescribeInstances : TencentInstanceReader
    {
        private static readonly string[] IsoUtc = { "yyyy-MM-dd'T'HH:mm:ss'Z'" };

        public CvmDescribeInstances()
            : base(TencentProduct.Cvm)
        {
        }

        public override string Action => "DescribeInstances";
        public override double RequestsPerSecond => 40;
        protected override string ListName => "InstanceSet";

        protected override void WriteFilters(Utf8JsonWriter json, InstanceQuery query)
        {
            // "InstanceIds cannot be combined with Filters": an ID lookup filters the charge type on this side.
            if (query.InstanceIds != null || !query.PrepaidOnly)
            {
                return;
            }
            json.WriteStartArray("Filters");
            json.WriteStartObject();
            json.WriteString("Name", "instance-charge-type");
            json.WriteStartArray("Values");
            json.WriteStringValue("PREPAID");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        protected override CloudInstance Read(JsonElement item, string region, DateTimeOffset readAt)
        {
            var charge = Json.Text(item, "InstanceChargeType");
            var instance = Instance(Json.Text(item, "InstanceId") ?? "", region, charge == "PREPAID" ? CloudInstance.PrepaidCharge : charge == "POSTPAID_BY_HOUR" ? CloudInstance.PostpaidCharge : charge ?? "", Time(item, "ExpiredTime", IsoUtc, TimeSpan.Zero), readAt);
            instance.Name = Json.Text(item, "InstanceName");
            instance.State = Json.Text(item, "InstanceState");
            instance.AutoRenewFlag = Json.Text(item, "RenewFlag");
            instance.LatestOperation = Json.Text(item, "LatestOperation");
            instance.LatestOperationState = Json.Text(item, "LatestOperationState");
            instance.LatestOperationRequestId = Json.Text(item, "LatestOperationRequestId");
            instance.LatestOperationError = Json.Text(item, "LatestOperationErrorMsg");
            return instance;
        }
    }

    /// <summary>MongoDB DescribeDBInstances 2019-07-25: 20 requests/s; PayMode 1 = prepaid (cloud-read-apis.md §A2).</summary>
    internal sealed class MongoDbDescribeDBInstances : TencentInstanceReader
    {
        private static readonly string[] NoZone = { "yyyy-MM-dd HH:mm:ss" };

        /// <summary>
        /// DeadLine has no zone (cloud-apis.md §3.2, UNCONFIRMED): read as China Standard Time, the console's zone. A wrong
        /// guess shifts expiries by 8 hours, never by days, so -ExpiringWithinDays stays right to within a day.
        /// </summary>
        public static readonly TimeSpan DeadLineZone = TimeSpan.FromHours(8);

        public MongoDbDescribeDBInstances()
            : base(TencentProduct.MongoDb)
        {
        }

        public override string Action => "DescribeDBInstances";
        public override double RequestsPerSecond => 20;
        protected override string ListName => "InstanceDetails";

        protected override void WriteFilters(Utf8JsonWriter json, InstanceQuery query)
        {
            if (query.PrepaidOnly)
            {
                json.WriteNumber("PayMode", 1);
            }
        }

        protected override CloudInstance Read(JsonElement item, string region, DateTimeOffset readAt)
        {
            var payMode = Json.Text(item, "PayMode");
            var instance = Instance(Json.Text(item, "InstanceId") ?? "", Json.Text(item, "Region") ?? region, payMode == "1" ? CloudInstance.PrepaidCharge : payMode == "0" ? CloudInstance.PostpaidCharge : payMode ?? "", Time(item, "DeadLine", NoZone, DeadLineZone), readAt);
            instance.Name = Json.Text(item, "InstanceName");
            instance.State = Json.Text(item, "Status") switch
            {
                "0" => "Initializing",
                "1" => "Processing",
                "2" => "Running",
                "-2" => "Isolated",
                "-3" => "Isolated",
                var other => other,
            };
            instance.AutoRenewFlag = Json.Text(item, "AutoRenewFlag") switch
            {
                "0" => "NOTIFY_AND_MANUAL_RENEW",
                "1" => "NOTIFY_AND_AUTO_RENEW",
                "2" => "DISABLE_NOTIFY_AND_MANUAL_RENEW",
                _ => null,
            };
            return instance;
        }
    }
}
