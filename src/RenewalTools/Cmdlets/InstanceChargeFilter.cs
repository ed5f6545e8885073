using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Errors;

namespace RenewalTools.Cmdlets
{
    /// <summary>Which instances a Get-*Instance lists: the prepaid ones (default), or all.</summary>
    public enum InstanceChargeFilter
    {
        Prepaid,
        All,
    }
}
