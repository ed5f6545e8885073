using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;
using RenewalTools.Credentials;
using RenewalTools.Errors;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>
    /// The unversioned single-instance legacy actions: CVM RenewInstance (seed 000, period 1-36) and MongoDB
    /// RenewMongoDB (seed 002, period 1-12, 24, 36). One instance per call; the answer carries a dealId.
    /// </summary>
    internal sealed class TencentLegacySingleRenewal : RenewalApi
    {
        private static readonly int[] OneTo36 = Range(1, 36);
        private readonly TencentProduct _product;
        private readonly string _signatureMethod;

        private TencentLegacySingleRenewal(TencentProduct product, string action, string signatureMethod, Regex idShape, string idExample)
        {
            _product = product;
            Action = action;
            _signatureMethod = signatureMethod;
            UsualIdShape = idShape;
            UsualIdExample = idExample;
        }

        public static TencentLegacySingleRenewal CvmRenewInstance(string signatureMethod) => new TencentLegacySingleRenewal(
            TencentProduct.Cvm, "RenewInstance", signatureMethod,
            new Regex("^(qcvm[0-9a-f]{32}|ins-[a-z0-9]{8})$", RegexOptions.CultureInvariant), "qcvm8e7bf56c115c53ce2d2a1ac2ea6e657a");

        public static TencentLegacySingleRenewal RenewMongoDb(string signatureMethod) => new TencentLegacySingleRenewal(
            TencentProduct.MongoDb, "RenewMongoDB", signatureMethod, TencentProduct.MongoDb.IdShape, TencentProduct.MongoDb.IdExample);

        public override string Service => _product.Service;
        public override string Action { get; }
        public override CloudProvider Provider => CloudProvider.Tencent;
        public override int MaxBatchSize => 1;
        // The legacy pages document no rate limit; the product's API 3.0 limit is the safe assumption.
        public override double RequestsPerSecond => _product.Api3RequestsPerSecond;
        public override ErrorCatalog Errors => ErrorCatalog.TencentLegacy;
        public override RenewalStatus SuccessStatus => RenewalStatus.Renewed;
        protected override Regex UsualIdShape { get; }
        protected override string UsualIdExample { get; }

        public override IReadOnlyCollection<int> AllowedPeriods(PeriodUnit unit) => _product == TencentProduct.Cvm ? OneTo36 : TencentProduct.LegacyPeriods;

        public override string? CheckRequest(RenewalRequest request)
        {
            if (request.RenewFlag != null)
            {
                return Action + " has no RenewFlag parameter; omit -RenewFlag or use the API 3.0 action.";
            }
            if (request.RenewPortableDataDisk.HasValue)
            {
                return Action + " has no RenewPortableDataDisk parameter; omit it or use the API 3.0 action.";
            }
            return base.CheckRequest(request);
        }

        public override HttpRequestMessage BuildRequest(IReadOnlyList<RenewalRequest> batch, SigningContext context)
        {
            var r = batch[0];
            var parameters = new Dictionary<string, string>
            {
                ["Action"] = Action,
                ["instanceId"] = r.InstanceId,
                ["period"] = (r.Period ?? 0).ToString(CultureInfo.InvariantCulture),
            };
            return TencentV1Request.Build(_product.LegacyHost, parameters, context, _signatureMethod, r.Region);
        }

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) =>
            httpStatus == 200 ? TencentEnvelope.ParseLegacy(body) : null;

        /// <summary>A named module code first; then the API 3.0 name the gateway may put in codeDesc; then the common number.</summary>
        public override ErrorClass Classify(ApiAnswer answer, int httpStatus)
        {
            var code = answer.ErrorCode ?? "UnknownError";
            var common = answer.NumericCode != null && Errors.TryClassify(answer.NumericCode, out var byNumber) ? byNumber : null;
            if (Errors.TryClassify(code, out var known) || ErrorCatalog.TencentApi3.TryClassify(code, out known))
            {
                // Name and number can disagree (4500 "replay" named like an API 3.0 timestamp error): the cautious one wins.
                return common != null && common.Kind == ErrorKind.MayHaveExecuted && known.Kind != ErrorKind.MayHaveExecuted
                    ? new ErrorClass(code, common.Kind, common.Category, common.Scope, common.Meaning, common.ClockSkew)
                    : known;
            }
            if (common != null)
            {
                return new ErrorClass(code, common.Kind, common.Category, common.Scope, common.Meaning, common.ClockSkew);
            }
            return Errors.Classify(code, httpStatus);
        }

        private static int[] Range(int from, int to)
        {
            var values = new int[to - from + 1];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = from + i;
            }
            return values;
        }
    }
}
