using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Errors;
using RenewalTools.Signing;
using RenewalTools.Transport;

namespace RenewalTools.Clients.Alibaba
{
    internal enum AlibabaSignature
    {
        /// <summary>ACS3-HMAC-SHA256, what current official SDKs send (cloud-apis.md §5.3).</summary>
        Acs3,
        /// <summary>RPC signature, SignatureVersion 1.0 with HMAC-SHA1: the seed's era (§5.2).</summary>
        Rpc1,
    }
}
