namespace CloudEmulator;

/// <summary>
/// A renewal policy in neutral words. CVM RenewFlag NOTIFY_AND_MANUAL_RENEW / NOTIFY_AND_AUTO_RENEW /
/// DISABLE_NOTIFY_AND_MANUAL_RENEW, MongoDB AutoRenewFlag 0 / 1 / 2, ECS RenewalStatus Normal / AutoRenewal / NotRenewal.
/// </summary>
public enum AutoRenewMode { Manual, Auto, NotRenewed }
