using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Errors;
using RenewalTools.Signing;
using RenewalTools.Transport;

namespace RenewalTools.Clients.Alibaba
{
    internal enum AlibabaSignature
    {
        /// <summary>ACS3-HMAC-SHA256, what current official SDKs send (cloud-apis.md §5.3).</summary>
        Acs3,
        /// <summary>RPC signature, SignatureVersion 1.0 with HMAC-SHA1: the seed's era (§5.2).</summary>
        Rpc1,
    }

    /// <summary>
    /// ECS RenewInstance 2014-05-26 (seed 003, cloud-apis.md §6): one instance per call. Every request carries a
    /// ClientToken derived from the renewal and the idempotency key, so a resend after "may have executed" returns the
    /// original order instead of charging again.
    /// </summary>
    internal sealed class EcsRenewInstance : RenewalApi
    {
        public const string Version = "2014-05-26";
        private const string FormContentType = "application/x-www-form-urlencoded";
        private static readonly KeyValuePair<string, string>[] NoQuery = Array.Empty<KeyValuePair<string, string>>();
        private static readonly int[] Weeks = { 1, 2, 3, 4 };
        private static readonly int[] Months = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60 };
        private static readonly Regex IdShape = new Regex("^i-[a-z0-9]{8,}$", RegexOptions.CultureInvariant);

        // The official SDK's endpoint map (ecs20140526 client _endpointMap): every other region is ecs.<region>.aliyuncs.com.
        private static readonly Dictionary<string, string> HostExceptions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cn-hangzhou"] = "ecs-cn-hangzhou.aliyuncs.com",
            ["cn-shanghai-finance-1"] = "ecs-cn-hangzhou.aliyuncs.com",
            ["cn-shenzhen-finance-1"] = "ecs-cn-hangzhou.aliyuncs.com",
            ["cn-north-2-gov-1"] = "ecs.aliyuncs.com",
            ["cn-beijing-finance-pop"] = "ecs.aliyuncs.com",
            ["cn-beijing-gov-1"] = "ecs.aliyuncs.com",
            ["ap-northeast-2-pop"] = "ecs.aliyuncs.com",
        };

        private readonly AlibabaSignature _signature;
        private readonly string _idempotencyKey;

        public EcsRenewInstance(AlibabaSignature signature, string idempotencyKey, double requestsPerSecond)
        {
            _signature = signature;
            _idempotencyKey = idempotencyKey;
            RequestsPerSecond = requestsPerSecond;
        }

        public override string Service => "ECS";
        public override string Action => "RenewInstance";
        public override CloudProvider Provider => CloudProvider.Alibaba;
        public override int MaxBatchSize => 1;
        /// <summary>Not documented for RenewInstance (cloud-apis.md §9); a conservative default the user can change.</summary>
        public override double RequestsPerSecond { get; }
        public override ErrorCatalog Errors => ErrorCatalog.Alibaba;
        public override RenewalStatus SuccessStatus => RenewalStatus.Renewed;
        public override bool ResendIsHarmless => true;
        protected override Regex UsualIdShape => IdShape;
        protected override string UsualIdExample => "i-bp67acfmxazb4ph12345";

        public static string HostFor(string region) => HostExceptions.TryGetValue(region, out var host) ? host : "ecs." + region + ".aliyuncs.com";

        /// <summary>Seed 003: Week 1-4; Month 1-12, 24, 36, 48, 60 (the international site accepts fewer and says InvalidPeriod).</summary>
        public override IReadOnlyCollection<int> AllowedPeriods(PeriodUnit unit) => unit == PeriodUnit.Week ? Weeks : Months;

        public override string? CheckRequest(RenewalRequest request)
        {
            if (request.Period.HasValue && request.ExpectedRenewDay.HasValue)
            {
                return "Give either -Period (with -PeriodUnit) or -ExpectedRenewDay, not both (ECS RenewInstance).";
            }
            if (request.ExpectedRenewDay.HasValue)
            {
                return request.ExpectedRenewDay.Value >= 1 && request.ExpectedRenewDay.Value <= 28 ? null : "-ExpectedRenewDay must be 1-28.";
            }
            if (request.Period is null)
            {
                return "-Period (with -PeriodUnit) or -ExpectedRenewDay is required.";
            }
            if (request.RenewFlag != null || request.RenewPortableDataDisk.HasValue)
            {
                return "ECS RenewInstance has no RenewFlag or RenewPortableDataDisk parameter.";
            }
            return CheckPeriodIn(request.Period.Value, request.Unit);
        }

        /// <summary>
        /// At most 64 ASCII characters (§6). Deterministic in the renewal and the key, so retries and same-key reruns
        /// reuse it; a different renewal of the same instance gets a different token.
        /// </summary>
        public string ClientTokenFor(RenewalRequest r)
        {
            var material = string.Join("\n", "RenewInstance", r.InstanceId, r.Period?.ToString(CultureInfo.InvariantCulture) ?? "", r.Unit.ToString(), r.ExpectedRenewDay?.ToString(CultureInfo.InvariantCulture) ?? "", _idempotencyKey);
            return "rt1-" + Crypto.Sha256Hex(material).Substring(0, 48);
        }

        /// <summary>A token recorded by an earlier run's journal wins: it names the renewal that may already have executed.</summary>
        public override void Prepare(RenewalRequest request) => request.ClientToken ??= ClientTokenFor(request);

        public override HttpRequestMessage BuildRequest(IReadOnlyList<RenewalRequest> batch, SigningContext context)
        {
            var r = batch[0];
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["InstanceId"] = r.InstanceId,
                ["ClientToken"] = r.ClientToken ??= ClientTokenFor(r),
            };
            if (r.ExpectedRenewDay.HasValue)
            {
                parameters["ExpectedRenewDay"] = r.ExpectedRenewDay.Value.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                parameters["Period"] = (r.Period ?? 0).ToString(CultureInfo.InvariantCulture);
                parameters["PeriodUnit"] = r.Unit.ToString();
            }
            var root = EndpointPolicy.Combine(context.Endpoint, "https://" + HostFor(r.Region), "/");
            return _signature == AlibabaSignature.Acs3 ? Acs3Request(root, parameters, context) : Rpc1Request(root, parameters, context);
        }

        // Both signatures send the API parameters as a form body, never an empty one: .NET's HTTP stack silently resends a
        // request without a body when the server closes the connection gracefully after reading it (dotnet/runtime issue
        // 86714), which would send a signed renewal twice. RPC APIs accept their parameters in a form body (cloud-apis.md §5).
        private HttpRequestMessage Acs3Request(Uri root, Dictionary<string, string> parameters, SigningContext context)
        {
            var form = AlibabaRpcSigner.CanonicalQuery(parameters);
            var bodyHash = Crypto.Sha256Hex(form);
            var headers = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["host"] = EndpointPolicy.HostHeader(root),
                ["content-type"] = FormContentType,
                ["x-acs-action"] = Action,
                ["x-acs-version"] = Version,
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

        private HttpRequestMessage Rpc1Request(Uri root, Dictionary<string, string> parameters, SigningContext context)
        {
            parameters["Action"] = Action;
            parameters["Version"] = Version;
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

        /// <summary>Success: 2xx with RequestId and OrderId. Error: 4xx/5xx with a flat {RequestId, HostId, Code, Message} (§5.4).</summary>
        public override ApiAnswer? ParseAnswer(int httpStatus, string body)
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
                var answer = new ApiAnswer { RequestId = Json.Text(root, "RequestId"), OrderId = Json.Text(root, "OrderId") };
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
        public override string SanitizeMessage(string message)
        {
            var at = message.IndexOf(StringToSignMarker, StringComparison.OrdinalIgnoreCase);
            return at < 0 ? message : message.Substring(0, at).TrimEnd() + " (the server's string to sign was withheld; check the AccessKeySecret and the system clock).";
        }

        public override string DescribeRenewal(RenewalRequest r) => r.ExpectedRenewDay.HasValue
            ? "Renew to the unified expiry day " + r.ExpectedRenewDay.Value.ToString(CultureInfo.InvariantCulture) + " (RenewInstance) - charges the account"
            : "Renew for " + r.Period?.ToString(CultureInfo.InvariantCulture) + " " + r.Unit.ToString().ToLowerInvariant() + "(s) (RenewInstance) - charges the account";
    }
}
