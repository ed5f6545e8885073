namespace RenewalTools
{
    /// <summary>
    /// An instance's auto-renew policy, in one spelling for every cloud (policy-and-evidence.md §2): Tencent
    /// NOTIFY_AND_AUTO_RENEW / NOTIFY_AND_MANUAL_RENEW / DISABLE_NOTIFY_AND_MANUAL_RENEW, MongoDB AutoRenewFlag 1 / 0 / 2,
    /// Alibaba RenewalStatus AutoRenewal / Normal / NotRenewal.
    /// </summary>
    public enum AutoRenewPolicy
    {
        /// <summary>Renewed automatically at each expiry while the balance allows.</summary>
        AutoRenew,
        /// <summary>Not renewed automatically; the cloud sends expiry reminders.</summary>
        Manual,
        /// <summary>Not renewed, and the cloud is told so: no reminders (Alibaba still sends one 3 days before expiry).</summary>
        NoRenewal,
    }
}
