using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Alibaba
{
    /// <summary>
    /// ECS DescribeRenewalPrice 2014-05-26 (cloud-apis.md §6.1): RegionId, ResourceId, and Period with PriceUnit (the wire
    /// name; Month 1-9 or Year 1-3) or ExpectedRenewDay. TradePrice is what is charged: Alibaba's DiscountPrice is the
    /// discount amount. Its rate limit is not published (UNCONFIRMED): paced like the other ECS reads.
    /// </summary>
    internal sealed class EcsRenewalPrice : QuoteApi
    {
        private readonly AlibabaSignature _signature;

        public EcsRenewalPrice(AlibabaSignature signature, double requestsPerSecond)
        {
            _signature = signature;
            RequestsPerSecond = requestsPerSecond;
        }

        public override string Service => "ECS";
        public override string Action => "DescribeRenewalPrice";
        public override double RequestsPerSecond { get; }
        public override ErrorCatalog Errors => ErrorCatalog.Alibaba;

        public override string? CannotQuote(RenewalRequest request) => request.Unit == PeriodUnit.Week && !request.ExpectedRenewDay.HasValue
            ? "DescribeRenewalPrice prices months and years only (PriceUnit Month or Year), so a renewal by weeks has no quote."
            : null;

        public override HttpRequestMessage BuildRequest(RenewalRequest request, SigningContext context)
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["RegionId"] = request.Region,
                ["ResourceId"] = request.InstanceId,
                ["ResourceType"] = "instance",
            };
            if (request.ExpectedRenewDay.HasValue)
            {
                parameters["ExpectedRenewDay"] = request.ExpectedRenewDay.Value.ToString(CultureInfo.InvariantCulture);
            }
            else if (request.Period.HasValue)
            {
                // Whole years go as years (the inquiry's Month range is 1-9); any other length goes as months and the cloud decides.
                var months = request.Period.Value;
                var years = months % 12 == 0 && months / 12 <= 3;
                parameters["Period"] = (years ? months / 12 : months).ToString(CultureInfo.InvariantCulture);
                parameters["PriceUnit"] = years ? "Year" : "Month";
            }
            return AlibabaRpc.Request(_signature, EcsRenewInstance.HostFor(request.Region), Action, EcsRenewInstance.Version, parameters, context);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => AlibabaRpc.ParseAnswer(httpStatus, body);

        public override string SanitizeMessage(string message) => AlibabaRpc.SanitizeMessage(message);

        public override QuotedPrice? ParsePrice(string body) => FromJson(body, root =>
            TryPath(root, out var price, "PriceInfo", "Price")
                ? new QuotedPrice { OriginalPrice = ParseMoney(price, "OriginalPrice"), Price = ParseMoney(price, "TradePrice"), Currency = Json.Text(price, "Currency") }
                : null);
    }

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
