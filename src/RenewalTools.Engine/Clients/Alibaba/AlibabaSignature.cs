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
