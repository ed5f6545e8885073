using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using RenewalTools.Clients.Tencent;
using RenewalTools.Signing;
using RenewalTools.Transport;

namespace RenewalTools.Clients.Alibaba
{
    /// <summary>The Alibaba RPC request and answer shapes every ECS action shares (cloud-apis.md §5).</summary>
    internal static class AlibabaRpc
    {
        private static string NewNonce() => Guid.NewGuid().ToString("N");

        private const string FormContentType = "application/x-www-form-urlencoded";
        private static readonly KeyValuePair<string, string>[] NoQuery = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>A signed POST of <paramref name="parameters"/> to https://<paramref name="host"/>/ (or the endpoint override).</summary>
        public static HttpRequestMessage Request(AlibabaSignature signature, string host, string action, string version, Dictionary<string, string> parameters, SigningContext context)
        {
            var root = EndpointPolicy.Combine(context.Endpoint, "https://" + host, "/");
            return signature == AlibabaSignature.Acs3 ? Acs3Request(root, action, version, parameters, context) : Rpc1Request(root, action, version, parameters, context);
        }

        // Both signatures send the API parameters as a form body, never an empty one: .NET's HTTP stack silently resends a
        // request without a body when the server closes the connection gracefully after reading it (dotnet/runtime issue
        // 86714), which would send a signed renewal twice. RPC APIs accept their parameters in a form body (cloud-apis.md §5).
        private static HttpRequestMessage Acs3Request(Uri root, string action, string version, Dictionary<string, string> parameters, SigningContext context)
        {
            var form = AlibabaRpcSigner.CanonicalQuery(parameters);
            var bodyHash = Crypto.Sha256Hex(form);
            var headers = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["host"] = EndpointPolicy.HostHeader(root),
                ["content-type"] = FormContentType,
                ["x-acs-action"] = action,
                ["x-acs-version"] = version,
                ["x-acs-date"] = context.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["x-acs-signature-nonce"] = NewNonce(),
                ["x-acs-content-sha256"] = bodyHash,
            };
            if (context.Credential.Token != null)
            {
                headers["x-acs-security-token"] = context.Credential.Token;
            }
            var canonical = Acs3Signer.CanonicalRequest("POST", NoQuery, headers, bodyHash, out var signedHeaders);
            var message = FormPost(root, form);
            foreach (var h in headers.Where(h => h.Key != "host" && h.Key != "content-type"))
            {
                message.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }
            message.Headers.TryAddWithoutValidation("Authorization", Acs3Signer.Authorization(context.Credential.Id, context.Credential.Secret, canonical, signedHeaders));
            return message;
        }

        private static HttpRequestMessage Rpc1Request(Uri root, string action, string version, Dictionary<string, string> parameters, SigningContext context)
        {
            parameters["Action"] = action;
            parameters["Version"] = version;
            parameters["Format"] = "JSON";
            parameters["AccessKeyId"] = context.Credential.Id;
            parameters["SignatureMethod"] = "HMAC-SHA1";
            parameters["SignatureVersion"] = "1.0";
            parameters["SignatureNonce"] = NewNonce();
            parameters["Timestamp"] = context.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            if (context.Credential.Token != null)
            {
                parameters["SecurityToken"] = context.Credential.Token;
            }
            var signature = AlibabaRpcSigner.Sign(context.Credential.Secret, AlibabaRpcSigner.StringToSign("POST", parameters));
            return FormPost(root, AlibabaRpcSigner.CanonicalQuery(parameters) + "&Signature=" + PercentEncoding.Encode(signature));
        }

        private static HttpRequestMessage FormPost(Uri root, string form)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, root)
            {
                Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(form)),
            };
            message.Content.Headers.TryAddWithoutValidation("Content-Type", FormContentType);
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
            return message;
        }

        /// <summary>Success: 2xx with a RequestId. Error: 4xx/5xx with a flat {RequestId, HostId, Code, Message} (§5.4).</summary>
        public static ApiAnswer? ParseAnswer(int httpStatus, string body, Func<JsonElement, string?>? orderId = null)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }
                var code = Json.Text(root, "Code");
                var answer = new ApiAnswer { RequestId = Json.Text(root, "RequestId"), OrderId = orderId?.Invoke(root) };
                if (httpStatus >= 200 && httpStatus < 300 && code is null)
                {
                    answer.Success = answer.RequestId != null;
                    return answer.Success ? answer : null;
                }
                if (code is null)
                {
                    return null;
                }
                answer.ErrorCode = code;
                answer.ErrorMessage = Json.Text(root, "Message") ?? "";
                return answer;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private const string StringToSignMarker = "server string to sign is:";

        /// <summary>The echoed string to sign lists every request parameter: say that it was there, not what it was.</summary>
        public static string SanitizeMessage(string message)
        {
            var at = message.IndexOf(StringToSignMarker, StringComparison.OrdinalIgnoreCase);
            return at < 0 ? message : message.Substring(0, at).TrimEnd() + " (the server's string to sign was withheld; check the AccessKeySecret and the system clock).";
        }
    }
}
