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
    /// Sets the auto-renew policy without renewing (policy-and-evidence.md §2): CVM ModifyInstancesRenewFlag 2017-03-12
    /// (≤100 IDs, 10/s, asynchronous: the flag reads back once the instance's operation is done) and MongoDB SetAutoRenew
    /// of version 2018-04-08 (2019-07-25 has no such action). Never RenewDBInstances: that renews and charges.
    /// </summary>
    internal sealed class TencentAutoRenew : AutoRenewApi
    {
        /// <summary>The only MongoDB version with SetAutoRenew (sdk-go mongodb/v20180408/client.go).</summary>
        public const string MongoDbVersion = "2018-04-08";

        private readonly TencentProduct _product;

        public TencentAutoRenew(TencentProduct product)
        {
            _product = product;
        }

        private bool IsCvm => _product == TencentProduct.Cvm;

        public override string Service => _product.Service;
        public override string Action => IsCvm ? "ModifyInstancesRenewFlag" : "SetAutoRenew";
        public override CloudProvider Provider => CloudProvider.Tencent;
        public override int MaxBatchSize => 100;
        /// <summary>CVM: 10/s (doc 213/15752). MongoDB SetAutoRenew states none; other MongoDB actions allow 20/s (UNCONFIRMED).</summary>
        public override double RequestsPerSecond => IsCvm ? 10 : 20;
        public override ErrorCatalog Errors => ErrorCatalog.TencentApi3;
        protected override Regex UsualIdShape => _product.IdShape;
        protected override string UsualIdExample => _product.IdExample;

        public override IEnumerable<KeyValuePair<string, AutoRenewPolicy>> Spellings
        {
            get
            {
                foreach (var policy in new[] { AutoRenewPolicy.AutoRenew, AutoRenewPolicy.Manual, AutoRenewPolicy.NoRenewal })
                {
                    yield return new KeyValuePair<string, AutoRenewPolicy>(AutoRenewPolicies.TencentFlag(policy), policy);
                    if (!IsCvm)
                    {
                        yield return new KeyValuePair<string, AutoRenewPolicy>(AutoRenewPolicies.MongoDbFlag(policy).ToString(System.Globalization.CultureInfo.InvariantCulture), policy);
                    }
                }
            }
        }

        public override string Spell(AutoRenewPolicy policy) => IsCvm
            ? AutoRenewPolicies.TencentFlag(policy)
            : "AutoRenewFlag " + AutoRenewPolicies.MongoDbFlag(policy).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public override HttpRequestMessage BuildRequest(IReadOnlyList<AutoRenewRequest> batch, SigningContext context) =>
            TencentApi3.Request(_product.Product, IsCvm ? _product.Version : MongoDbVersion, _product.Api3Host, Action, batch[0].Region, Body(batch), context);

        private byte[] Body(IReadOnlyList<AutoRenewRequest> batch) => TencentApi3.Body(batch, json =>
        {
            var policy = batch[0].Policy!.Value;
            if (IsCvm)
            {
                json.WriteString("RenewFlag", AutoRenewPolicies.TencentFlag(policy));
            }
            else
            {
                json.WriteNumber("AutoRenewFlag", AutoRenewPolicies.MongoDbFlag(policy));
            }
        });

        public override ApiAnswer? ParseAnswer(int httpStatus, string body) =>
            httpStatus == 200 ? TencentEnvelope.ParseApi3(body) : null;
    }
}
