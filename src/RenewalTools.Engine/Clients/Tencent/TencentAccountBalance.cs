using System.Net.Http;
using System.Text;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>
    /// Billing DescribeAccountBalance 2018-07-09 on billing.tencentcloudapi.com: no input, no region, 20 requests/s; amounts
    /// in fen, RealBalance the balance available (cloud-read-apis.md §D).
    /// </summary>
    internal sealed class TencentAccountBalance : BalanceApi
    {
        private static readonly byte[] NoInput = Encoding.UTF8.GetBytes("{}");

        public override string Service => "billing";
        public override string Action => "DescribeAccountBalance";
        public override double RequestsPerSecond => 20;
        public override ErrorCatalog Errors => ErrorCatalog.TencentApi3;
        public override string Figure => "Tencent billing DescribeAccountBalance, RealBalance";

        public override HttpRequestMessage BuildRequest(string? region, SigningContext context) =>
            TencentApi3.Request("billing", "2018-07-09", "billing.tencentcloudapi.com", Action, null, NoInput, context);

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) => httpStatus == 200 ? TencentEnvelope.ParseApi3(body) : null;

        /// <summary>Fen to yuan. Balance (an integer) is kept for compatibility and equals RealBalance; it is the fallback.</summary>
        public override AccountBalance? ParseBalance(string body) => QuoteApi.FromJson(body, root =>
        {
            if (!QuoteApi.TryPath(root, out var response, "Response"))
            {
                return null;
            }
            var fen = QuoteApi.ParseMoney(response, "RealBalance") ?? QuoteApi.ParseMoney(response, "Balance");
            return fen.HasValue ? new AccountBalance(fen.Value / 100m, null) : null;
        });
    }
}
