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
}
