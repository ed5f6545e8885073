using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using RenewalTools.Clients.Tencent;
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
}
