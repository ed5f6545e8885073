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
