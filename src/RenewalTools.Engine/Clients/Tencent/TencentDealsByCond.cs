using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>
    /// Billing DescribeDealsByCond 2018-07-09 (20 requests/s): the renew orders of one instance, the evidence that a
    /// renewal whose answer was lost executed or did not (policy-and-evidence.md §3; sdk-go billing/v20180709 models.go).
    /// </summary>
    internal sealed class TencentDealsByCond : RenewalTools.Engine.CloudAction
    {
        /// <summary>Above 200 the answer leaves ResourceId out, and one instance's renewals in a few days never fill 200.</summary>
        public const int Limit = 200;

        /// <summary>Every status the SDK documents: without StatusSet only delivered (4) orders are listed, and an order still being delivered is the evidence that matters most.</summary>
        private static readonly int[] EveryStatus = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 30 };

        public override string Service => "billing";
        public override string Action => "DescribeDealsByCond";
        public double RequestsPerSecond => 20;
        public override ErrorCatalog Errors => ErrorCatalog.TencentApi3;

        /// <summary>
        /// The window is a day wider on each side than asked: the API takes wall-clock times without a zone, and whether it
        /// reads them as Beijing time is UNCONFIRMED. Each order's own time decides (<see cref="BillingOrder.TryCreatedBetween"/>).
        /// </summary>
        public HttpRequestMessage BuildRequest(string instanceId, DateTimeOffset from, DateTimeOffset to, SigningContext context)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteString("StartTime", Wall(from.AddDays(-1)));
                json.WriteString("EndTime", Wall(to.AddDays(1)));
                json.WriteNumber("Limit", Limit);
                json.WriteNumber("Offset", 0);
                json.WriteString("ResourceId", instanceId);
                json.WriteStartArray("StatusSet");
                foreach (var status in EveryStatus)
                {
                    json.WriteNumberValue(status);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return TencentApi3.Request("billing", "2018-07-09", "billing.tencentcloudapi.com", Action, null, stream.ToArray(), context);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => httpStatus == 200 ? TencentEnvelope.ParseApi3(body) : null;

        /// <summary>The orders of an accepted answer and whether they are all of them (TotalCount); null when not this shape.</summary>
        public static OrderPage? ParseOrders(string body) => QuoteApi.FromJson(body, root =>
        {
            if (!QuoteApi.TryPath(root, out var deals, "Response", "Deals") || deals.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var orders = new List<BillingOrder>();
            foreach (var deal in deals.EnumerateArray())
            {
                var status = deal.TryGetProperty("Status", out var s) && s.TryGetInt32(out var n) ? n : 0;
                List<string>? resources = null;
                if (deal.TryGetProperty("ResourceId", out var ids) && ids.ValueKind == JsonValueKind.Array)
                {
                    resources = new List<string>();
                    foreach (var id in ids.EnumerateArray())
                    {
                        if (id.ValueKind == JsonValueKind.String)
                        {
                            resources.Add(id.GetString()!);
                        }
                    }
                }
                orders.Add(new BillingOrder(Json.Text(deal, "OrderId") ?? "", status, Json.Text(deal, "CreateTime") ?? "", Json.Text(deal, "Action"), resources));
            }
            var total = QuoteApi.TryPath(root, out var t, "Response", "TotalCount") && t.TryGetInt64(out var count) ? count : orders.Count;
            return new OrderPage(orders, total <= orders.Count);
        });

        private static string Wall(DateTimeOffset time) => time.ToOffset(BillingOrder.BeijingTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
