namespace RenewalTools.Credentials
{
    internal enum CloudProvider
    {
        Tencent,
        Alibaba,
    }
}
