using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>
    /// CVM RenewInstances and MongoDB RenewDBInstances on API 3.0: TC3-signed JSON POST (cloud-apis.md §1-§3).
    /// Both complete asynchronously, so success is Submitted.
    /// </summary>
    internal sealed class TencentApi3Renewal : RenewalApi
    {
        private readonly TencentProduct _product;

        public TencentApi3Renewal(TencentProduct product)
        {
            _product = product;
        }

        public override string Service => _product.Service;
        public override string Action => _product.Api3Action;
        public override CloudProvider Provider => CloudProvider.Tencent;
        public override int MaxBatchSize => 100;
        public override double RequestsPerSecond => _product.Api3RequestsPerSecond;
        public override ErrorCatalog Errors => ErrorCatalog.TencentApi3;
        public override RenewalStatus SuccessStatus => RenewalStatus.Submitted;
        protected override Regex UsualIdShape => _product.IdShape;
        protected override string UsualIdExample => _product.IdExample;

        public override IReadOnlyCollection<int> AllowedPeriods(PeriodUnit unit) => _product.Api3Periods;
        public override bool CarriesRenewFlag => true;
        /// <summary>CVM records the renewal as the instances' LatestOperation; MongoDB has no operation fields (cloud-read-apis.md B1).</summary>
        public override string? OperationName => _product == TencentProduct.Cvm ? Action : null;

        public override string? CheckRequest(RenewalRequest request)
        {
            if (request.RenewPortableDataDisk.HasValue && _product != TencentProduct.Cvm)
            {
                return "-RenewPortableDataDisk applies to CVM only.";
            }
            return base.CheckRequest(request);
        }

        public override HttpRequestMessage BuildRequest(IReadOnlyList<RenewalRequest> batch, SigningContext context) =>
            TencentApi3.Request(_product, _product.Api3Action, batch[0].Region, Body(batch), context);

        /// <summary>
        /// InstanceIds, InstanceChargePrepaid{Period, RenewFlag}, RenewPortableDataDisk: the renewal's body, which the price
        /// inquiries of both products take too (cloud-apis.md §2.1, §3.1).
        /// </summary>
        internal static byte[] Body(IReadOnlyList<RenewalRequest> batch) => TencentApi3.Body(batch, json =>
        {
            var first = batch[0];
            json.WriteStartObject("InstanceChargePrepaid");
            json.WriteNumber("Period", first.Period ?? 0);
            if (first.RenewFlagToSend != null)
            {
                json.WriteString("RenewFlag", first.RenewFlagToSend);
            }
            json.WriteEndObject();
            if (first.RenewPortableDataDisk.HasValue)
            {
                json.WriteBoolean("RenewPortableDataDisk", first.RenewPortableDataDisk.Value);
            }
        });

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) =>
            httpStatus == 200 ? TencentEnvelope.ParseApi3(body) : null;
    }
}
