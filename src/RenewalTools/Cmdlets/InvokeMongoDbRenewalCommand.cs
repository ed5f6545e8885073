using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;

namespace RenewalTools.Cmdlets
{
    /// <summary>Renews prepaid Tencent Cloud MongoDB instances.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "MongoDbRenewal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(RenewalResult))]
    public sealed class InvokeMongoDbRenewalCommand : TencentRenewalCmdlet
    {
        /// <summary>Which seed API to call; API 3.0 RenewDBInstances by default.</summary>
        [Parameter]
        public MongoDbApi Api { get; set; } = MongoDbApi.RenewDBInstances;

        internal override InstanceReader CreateReader() => new MongoDbDescribeDBInstances();

        internal override RenewalApi CreateApi() => Api == MongoDbApi.LegacyRenewMongoDB
            ? TencentLegacySingleRenewal.RenewMongoDb(SignatureMethod)
            : new TencentApi3Renewal(TencentProduct.MongoDb);

        internal override QuoteApi CreateQuoteApi() => TencentRenewalPrice.MongoDb();
    }
}
