namespace RenewalTools.Cmdlets
{
    /// <summary>Which instances a Get-*Instance lists: the prepaid ones (default), or all.</summary>
    public enum InstanceChargeFilter
    {
        /// <summary>Prepaid (monthly/annual) instances only: the ones renewals apply to.</summary>
        Prepaid,
        /// <summary>Every instance, postpaid included.</summary>
        All,
    }
}
