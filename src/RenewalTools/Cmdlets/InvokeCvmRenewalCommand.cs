using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>Renews prepaid Tencent Cloud CVM instances.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CvmRenewal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(RenewalResult))]
    public sealed class InvokeCvmRenewalCommand : TencentRenewalCmdlet
    {
        /// <summary>Also renew the attached elastic data disks ($true or $false; the API's default is $true), for rows without the column.</summary>
        [Parameter]
        [StrictBoolean]
        public bool? RenewPortableDataDisk { get; set; }

        /// <summary>Which seed API to call; API 3.0 RenewInstances by default.</summary>
        [Parameter]
        public CvmApi Api { get; set; } = CvmApi.RenewInstances;

        internal override InstanceReader CreateReader() => new CvmDescribeInstances();

        internal override RenewalApi CreateApi() => Api switch
        {
            CvmApi.LegacyRenewInstances => new TencentGatewayRenewInstances(SignatureMethod),
            CvmApi.LegacyRenewInstance => TencentLegacySingleRenewal.CvmRenewInstance(SignatureMethod),
            _ => new TencentApi3Renewal(TencentProduct.Cvm),
        };

        internal override QuoteApi CreateQuoteApi() => TencentRenewalPrice.Cvm();

        internal override void Describe(RenewalRequest request, InputRow row) => ProductSettings.Cvm(this, request, row);
    }
}
