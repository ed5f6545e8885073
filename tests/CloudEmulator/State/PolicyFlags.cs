using System;
using System.Linq;

namespace CloudEmulator.State;

/// <summary>
/// The one mapping between the policy the emulator stores (<see cref="EmulatedInstance.RenewFlag"/>, CVM's words) and each
/// service's spelling of it (policy-and-evidence.md §2).
/// </summary>
internal static class PolicyFlags
{
    /// <summary>Indexed by <see cref="AutoRenewMode"/>.</summary>
    public static readonly string[] RenewFlags = ["NOTIFY_AND_MANUAL_RENEW", "NOTIFY_AND_AUTO_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW"];
    /// <summary>ECS RenewalStatus, indexed by <see cref="AutoRenewMode"/>.</summary>
    public static readonly string[] EcsStatuses = ["Normal", "AutoRenewal", "NotRenewal"];
    /// <summary>MongoDB AutoRenewFlag 0 manual, 1 auto, 2 explicitly not renewed (cloud-apis.md §3).</summary>
    private static readonly AutoRenewMode[] MongoModes = [AutoRenewMode.Manual, AutoRenewMode.Auto, AutoRenewMode.NotRenewed];

    public static AutoRenewMode ModeOf(EmulatedInstance i)
    {
        var n = Array.IndexOf(RenewFlags, i.RenewFlag);
        return n < 0 ? AutoRenewMode.Manual : (AutoRenewMode)n;
    }

    public static string RenewFlag(AutoRenewMode mode) => RenewFlags[(int)mode];

    public static int MongoFlag(EmulatedInstance i) => Array.IndexOf(MongoModes, ModeOf(i));

    public static AutoRenewMode? FromMongo(int flag) => flag is >= 0 and <= 2 ? MongoModes[flag] : null;

    public static AutoRenewMode? FromEcs(string status)
    {
        var n = Array.IndexOf(EcsStatuses, status);
        return n < 0 ? null : (AutoRenewMode)n;
    }

    public static int EcsDuration(EmulatedInstance i) => i.AutoRenewDuration ?? 1;

    public static string EcsPeriodUnit(EmulatedInstance i) => i.AutoRenewPeriodUnit ?? "Month";

    public static RenewalPolicy Of(EmulatedInstance i) =>
        i.Service.Equals("ecs", StringComparison.OrdinalIgnoreCase)
            ? new RenewalPolicy(ModeOf(i), EcsDuration(i), EcsPeriodUnit(i))
            : new RenewalPolicy(ModeOf(i), null, null);

    public static bool IsRenewFlag(string? flag) => RenewFlags.Contains(flag);
}
