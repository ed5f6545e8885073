using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>
    /// RenewInstances 2017-03-12 in the form seed 001 shows: flattened parameters, signature v1, legacy gateway,
    /// answered in the API 3.0 envelope. Batches of up to 100.
    /// </summary>
    internal sealed class TencentGatewayRenewInstances : RenewalApi
    {
        private readonly string _signatureMethod;

        public TencentGatewayRenewInstances(string signatureMethod)
        {
            _signatureMethod = signatureMethod;
        }

        public override string Service => "CVM";
        public override string Action => "RenewInstances";
        public override CloudProvider Provider => CloudProvider.Tencent;
        public override int MaxBatchSize => 100;
        public override double RequestsPerSecond => TencentProduct.Cvm.Api3RequestsPerSecond;
        public override ErrorCatalog Errors => ErrorCatalog.TencentApi3;
        public override RenewalStatus SuccessStatus => RenewalStatus.Submitted;
        protected override Regex UsualIdShape => TencentProduct.Cvm.IdShape;
        protected override string UsualIdExample => TencentProduct.Cvm.IdExample;

        public override bool CarriesRenewFlag => true;
        public override string? OperationName => Action;

        /// <summary>The seed's InvalidPeriod text lists 1-12, 24, 36.</summary>
        public override IReadOnlyCollection<int> AllowedPeriods(PeriodUnit unit) => TencentProduct.LegacyPeriods;

        public override HttpRequestMessage BuildRequest(IReadOnlyList<RenewalRequest> batch, SigningContext context)
        {
            var first = batch[0];
            var parameters = new Dictionary<string, string>
            {
                ["Action"] = Action,
                ["Version"] = TencentProduct.Cvm.Version,
                ["InstanceChargePrepaid.Period"] = (first.Period ?? 0).ToString(CultureInfo.InvariantCulture),
            };
            for (var i = 0; i < batch.Count; i++)
            {
                parameters["InstanceIds." + i.ToString(CultureInfo.InvariantCulture)] = batch[i].InstanceId;
            }
            if (first.RenewFlagToSend != null)
            {
                parameters["InstanceChargePrepaid.RenewFlag"] = first.RenewFlagToSend;
            }
            if (first.RenewPortableDataDisk.HasValue)
            {
                parameters["RenewPortableDataDisk"] = first.RenewPortableDataDisk.Value ? "TRUE" : "FALSE";
            }
            return TencentV1Request.Build(TencentProduct.Cvm.LegacyHost, parameters, context, _signatureMethod, first.Region);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) =>
            httpStatus == 200 ? TencentEnvelope.ParseApi3(body) : null;
    }
}
