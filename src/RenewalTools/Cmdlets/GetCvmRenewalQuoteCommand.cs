using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;

namespace RenewalTools.Cmdlets
{
    /// <summary>Quotes renewing prepaid Tencent Cloud CVM instances (InquiryPriceRenewInstances), one instance a request.</summary>
    [Cmdlet(VerbsCommon.Get, "CvmRenewalQuote", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(RenewalQuote))]
    public sealed class GetCvmRenewalQuoteCommand : TencentQuoteCmdlet
    {
        /// <summary>Also price the attached elastic data disks ($true or $false; the API's default is $true), for rows without the column.</summary>
        [Parameter]
        [StrictBoolean]
        public bool? RenewPortableDataDisk { get; set; }

        internal override RenewalApi CreateApi() => new TencentApi3Renewal(TencentProduct.Cvm);

        internal override QuoteApi CreateQuoteApi() => TencentRenewalPrice.Cvm();

        internal override void Describe(RenewalRequest request, InputRow row) => ProductSettings.Cvm(this, request, row);
    }
}
