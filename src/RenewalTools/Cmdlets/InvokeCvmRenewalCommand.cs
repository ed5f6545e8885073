using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;

namespace RenewalTools.Cmdlets
{
    /// <summary>Renews prepaid Tencent Cloud CVM instances.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CvmRenewal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RenewalResult))]
    public sealed class InvokeCvmRenewalCommand : TencentRenewalCmdlet
    {
        /// <summary>Also renew the attached elastic data disks ($true or $false; the API's default is $true).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [StrictBoolean]
        public bool? RenewPortableDataDisk { get; set; }

        /// <summary>Which seed API to call; API 3.0 RenewInstances by default.</summary>
        [Parameter]
        public CvmApi Api { get; set; } = CvmApi.RenewInstances;

        internal override RenewalApi CreateApi() => Api switch
        {
            CvmApi.LegacyRenewInstances => new TencentGatewayRenewInstances(SignatureMethod),
            CvmApi.LegacyRenewInstance => TencentLegacySingleRenewal.CvmRenewInstance(SignatureMethod),
            _ => new TencentApi3Renewal(TencentProduct.Cvm),
        };

        internal override void Describe(RenewalRequest request)
        {
            base.Describe(request);
            request.RenewPortableDataDisk = RenewPortableDataDisk;
        }
    }
}
