using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using RenewalTools.Clients.Tencent;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Alibaba
{
    /// <summary>
    /// BSS QueryAccountBalance 2017-12-14 (cloud-read-apis.md §D): no parameters; business.aliyuncs.com for the China site,
    /// business.ap-southeast-1.aliyuncs.com for the international one, picked by region as the SDK does. Amounts are
    /// decimal strings and may be negative. Its rate limit is not published (UNCONFIRMED): 10 requests/s.
    /// </summary>
    internal sealed class AlibabaAccountBalance : BalanceApi
    {

        public override string Service => "bss";
        public override string Action => "QueryAccountBalance";
        public override double RequestsPerSecond => 10;
        public override ErrorCatalog Errors => ErrorCatalog.AlibabaBss;
        public override string Figure => "Alibaba BSS QueryAccountBalance, AvailableAmount";

        public static string HostFor(string? region) =>
            region is null || region.StartsWith("cn-", StringComparison.Ordinal) ? "business.aliyuncs.com" : "business.ap-southeast-1.aliyuncs.com";

        /// <summary>
        /// Always the RPC 1.0 signature, whatever -SignatureVersion says: the action has no parameters, so under ACS3 its
        /// body would be empty, and .NET's HTTP stack resends a request without a body on its own when the connection
        /// closes (dotnet/runtime issue 86714; see HttpTransport). Under 1.0 the signed parameters are the body.
        /// </summary>
        public override HttpRequestMessage BuildRequest(string? region, SigningContext context) =>
            AlibabaRpc.Request(AlibabaSignature.Rpc1, HostFor(region), Action, "2017-12-14", new Dictionary<string, string>(StringComparer.Ordinal), context);

        /// <summary>BSS answers success with Code "200" and Success true, unlike ECS, whose success carries no Code.</summary>
        public override ApiAnswer? ParseAnswer(int httpStatus, string body)
        {
            var answer = QuoteApi.FromJson(body, root => root.ValueKind != JsonValueKind.Object ? null : new ApiAnswer
            {
                Success = httpStatus >= 200 && httpStatus < 300 && root.TryGetProperty("Success", out var ok) && ok.ValueKind == JsonValueKind.True,
                RequestId = Json.Text(root, "RequestId"),
                ErrorCode = Json.Text(root, "Code"),
                ErrorMessage = Json.Text(root, "Message") ?? "",
            });
            if (answer is null)
            {
                return null;
            }
            if (answer.Success)
            {
                answer.ErrorCode = null;
                answer.ErrorMessage = null;
                return answer;
            }
            return answer.ErrorCode is null || answer.ErrorCode == "200" ? null : answer;
        }

        public override string SanitizeMessage(string message) => AlibabaRpc.SanitizeMessage(message);

        public override AccountBalance? ParseBalance(string body) => QuoteApi.FromJson(body, root =>
        {
            if (!QuoteApi.TryPath(root, out var data, "Data"))
            {
                return null;
            }
            var available = QuoteApi.ParseMoney(data, "AvailableAmount");
            return available.HasValue ? new AccountBalance(available.Value, Json.Text(data, "Currency")) : null;
        });
    }
}
