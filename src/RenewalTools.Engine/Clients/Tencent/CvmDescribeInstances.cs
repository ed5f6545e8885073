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
}
