using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;

namespace RenewalTools.Cmdlets
{
    /// <summary>Quotes renewing prepaid Tencent Cloud MongoDB instances (InquirePriceRenewDBInstances), one instance a request.</summary>
    [Cmdlet(VerbsCommon.Get, "MongoDbRenewalQuote", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(RenewalQuote))]
    public sealed class GetMongoDbRenewalQuoteCommand : TencentQuoteCmdlet
    {
        internal override RenewalApi CreateApi() => new TencentApi3Renewal(TencentProduct.MongoDb);

        internal override QuoteApi CreateQuoteApi() => TencentRenewalPrice.MongoDb();
    }
}
