namespace CloudEmulator;

/// <summary>
/// An instance's current (visible) renewal policy. <see cref="Duration"/> and <see cref="PeriodUnit"/> are ECS's auto-renew
/// length (defaults 1 / Month) and null for Tencent, whose auto-renewal is always one month (policy-and-evidence.md §2).
/// </summary>
public sealed record RenewalPolicy(AutoRenewMode Mode, int? Duration, string? PeriodUnit);
