namespace RenewalTools.Cmdlets
{
    /// <summary>Which instances a Get-*Instance lists: the prepaid ones (default), or all.</summary>
    public enum InstanceChargeFilter
    {
        Prepaid,
        All,
    }
}
