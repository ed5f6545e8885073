using System.Net.Http;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>
    /// The two Tencent renewal price inquiries: the renewal's own body for one instance, API 3.0 envelope; prices in yuan,
    /// as JSON numbers or strings (cloud-read-apis.md §C).
    /// </summary>
    internal sealed class TencentRenewalPrice : QuoteApi
    {
        private readonly TencentProduct _product;

        private TencentRenewalPrice(TencentProduct product, string action, double requestsPerSecond)
        {
            _product = product;
            Action = action;
            RequestsPerSecond = requestsPerSecond;
        }

        /// <summary>CVM InquiryPriceRenewInstances: 10 requests/s; Price.InstancePrice (+ BandwidthPrice) (cloud-apis.md §2.1).</summary>
        public static TencentRenewalPrice Cvm() => new TencentRenewalPrice(TencentProduct.Cvm, "InquiryPriceRenewInstances", 10);

        /// <summary>MongoDB InquirePriceRenewDBInstances (spelled "Inquire"): 20 requests/s, at most 5 IDs; Price{…} (cloud-apis.md §3.1).</summary>
        public static TencentRenewalPrice MongoDb() => new TencentRenewalPrice(TencentProduct.MongoDb, "InquirePriceRenewDBInstances", 20);

        public override string Service => _product.Service;
        public override string Action { get; }
        public override double RequestsPerSecond { get; }
        public override ErrorCatalog Errors => ErrorCatalog.TencentApi3;

        public override HttpRequestMessage BuildRequest(RenewalRequest request, SigningContext context) =>
            TencentApi3.Request(_product, Action, request.Region, TencentApi3Renewal.Body(new[] { request }), context);

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => httpStatus == 200 ? TencentEnvelope.ParseApi3(body) : null;

        /// <summary>
        /// Tencent's DiscountPrice is the discounted price, the one charged (the opposite of Alibaba's, cloud-apis.md §6.1).
        /// CVM answers InstancePrice, and BandwidthPrice; an empty InstancePrice is no price.
        /// </summary>
        public override QuotedPrice? ParsePrice(string body) => FromJson(body, root =>
        {
            if (!TryPath(root, out var price, "Response", "Price"))
            {
                return null;
            }
            var item = price;
            if (_product == TencentProduct.Cvm && !TryPath(price, out item, "InstancePrice"))
            {
                return new QuotedPrice();
            }
            var quoted = new QuotedPrice { OriginalPrice = ParseMoney(item, "OriginalPrice"), Price = ParseMoney(item, "DiscountPrice") };
            // Prepaid bandwidth is renewed with the instance and priced in BandwidthPrice.DiscountPrice; bandwidth billed by
            // the hour or by traffic has only unit prices there and is not part of the renewal (UNCONFIRMED for every
            // network billing mode).
            if (_product == TencentProduct.Cvm && TryPath(price, out var bandwidth, "BandwidthPrice") && ParseMoney(bandwidth, "DiscountPrice") is decimal bandwidthPrice)
            {
                quoted.Price += bandwidthPrice;
                quoted.OriginalPrice += ParseMoney(bandwidth, "OriginalPrice") ?? bandwidthPrice;
            }
            return quoted;
        });
    }
}
