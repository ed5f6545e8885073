using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using RenewalTools.Signing;
using RenewalTools.Transport;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>The API 3.0 request every Tencent action shares: a TC3-signed JSON POST (cloud-apis.md §1).</summary>
    internal static class TencentApi3
    {
        private const string ContentType = "application/json; charset=utf-8";

        /// <summary>
        /// A JSON body that starts with the batch's InstanceIds array (every batched API 3.0 write here);
        /// <paramref name="rest"/> writes the action's own fields.
        /// </summary>
        public static byte[] Body<TRequest>(IReadOnlyList<TRequest> batch, Action<Utf8JsonWriter> rest)
            where TRequest : WriteRequest
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteStartArray("InstanceIds");
                foreach (var r in batch)
                {
                    json.WriteStringValue(r.InstanceId);
                }
                json.WriteEndArray();
                rest(json);
                json.WriteEndObject();
            }
            return stream.ToArray();
        }

        public static HttpRequestMessage Request(TencentProduct product, string action, string region, byte[] body, SigningContext context) =>
            Request(product.Product, product.Version, product.Api3Host, action, region, body, context);

        /// <param name="service">The TC3 credential-scope service: the product's name, never derived from an endpoint override.</param>
        /// <param name="region">Null for the actions that take none (billing).</param>
        public static HttpRequestMessage Request(string service, string version, string apiHost, string action, string? region, byte[] body, SigningContext context)
        {
            var uri = EndpointPolicy.Combine(context.Endpoint, "https://" + apiHost, "/");
            var host = EndpointPolicy.HostHeader(uri);
            var signature = Tc3Signer.Sign(context.Credential.Id, context.Credential.Secret, service, host, ContentType, body, context.UnixSeconds);

            var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
            message.Headers.Add("X-TC-Action", action);
            message.Headers.Add("X-TC-Version", version);
            message.Headers.Add("X-TC-Timestamp", context.UnixSeconds.ToString(CultureInfo.InvariantCulture));
            // Required for CVM; the MongoDB docs disagree, so every product action sends it (cloud-apis.md §3). Billing takes none.
            if (!string.IsNullOrEmpty(region))
            {
                message.Headers.Add("X-TC-Region", region);
            }
            message.Headers.Add("X-TC-RequestClient", UserAgent.Value);
            if (context.Credential.Token != null)
            {
                message.Headers.TryAddWithoutValidation("X-TC-Token", context.Credential.Token);
            }
            return message;
        }
    }
}
