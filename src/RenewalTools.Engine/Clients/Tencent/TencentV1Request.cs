using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using RenewalTools.Signing;
using RenewalTools.Transport;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>
    /// A signature-v1 POST to the legacy gateway (cloud-apis.md §4): common parameters added, signed over the raw
    /// sorted parameters, sent as a form body so that nothing signed lands in proxy or server URL logs.
    /// </summary>
    internal static class TencentV1Request
    {
        public const string GatewayPath = "/v2/index.php";

        public static HttpRequestMessage Build(string defaultHost, IDictionary<string, string> parameters, SigningContext context, string signatureMethod, string region)
        {
            var uri = EndpointPolicy.Combine(context.Endpoint, "https://" + defaultHost, GatewayPath);
            parameters["Region"] = region;
            parameters["Timestamp"] = context.UnixSeconds.ToString(CultureInfo.InvariantCulture);
            parameters["Nonce"] = Nonce().ToString(CultureInfo.InvariantCulture);
            parameters["SecretId"] = context.Credential.Id;
            parameters["SignatureMethod"] = signatureMethod;
            if (context.Credential.Token != null)
            {
                parameters["Token"] = context.Credential.Token;
            }
            var stringToSign = TencentV1Signer.StringToSign("POST", EndpointPolicy.HostHeader(uri), GatewayPath, parameters);
            parameters["Signature"] = TencentV1Signer.Sign(context.Credential.Secret, stringToSign, signatureMethod);

            var form = string.Join("&", parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            return new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
        }

        /// <summary>A random positive integer; with Timestamp it is the gateway's replay protection (§4.1).</summary>
        private static int Nonce()
        {
            var bytes = new byte[4];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(bytes);
            }
            return (BitConverter.ToInt32(bytes, 0) & int.MaxValue) % 2000000000 + 1;
        }
    }
}
