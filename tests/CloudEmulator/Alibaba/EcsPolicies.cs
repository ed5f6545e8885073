using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using CloudEmulator.State;

namespace CloudEmulator.Alibaba;

/// <summary>
/// ECS ModifyInstanceAutoRenewAttribute and DescribeInstanceAutoRenewAttribute, 2014-05-26 (policy-and-evidence.md §2,
/// cloud-read-apis.md). The write is synchronous and all-or-nothing; neither takes a ClientToken (none is documented).
/// </summary>
internal static class EcsPolicies
{
    private const int MaxIds = 100;
    private static readonly int[] MonthDurations = [1, 2, 3, 6, 12, 24, 36, 48, 60];
    private static readonly int[] YearDurations = [1, 2, 3, 4, 5];

    public sealed record Change(string Region, IReadOnlyList<string> InstanceIds, AutoRenewMode Mode, int? Duration, string PeriodUnit);

    /// <summary>InstanceId as the request log shows it: the comma-separated ids, or none.</summary>
    public static IReadOnlyList<string> AskedIds(string? raw) =>
        string.IsNullOrEmpty(raw) ? [] : raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static Change ParseChange(Exchange x)
    {
        var region = EcsReads.Required(x, "RegionId");
        var raw = x.Param("InstanceId");
        if (string.IsNullOrEmpty(raw)) throw new RejectionException("MissingParameter.InstanceId", "The input parameter \"InstanceId\" that is mandatory for processing this request is not supplied.");
        var ids = Ids(raw);
        var unit = x.Param("PeriodUnit") ?? "Month";
        if (unit is not ("Month" or "Year"))
            throw new RejectionException("InvalidPeriodUnit.ValueNotSupported", $"The specified parameter PeriodUnit is not valid: {unit}.");
        int? duration = null;
        if (x.Param("Duration") is { } d)
        {
            var allowed = unit == "Year" ? YearDurations : MonthDurations;
            duration = int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && allowed.Contains(n) ? n
                : throw new RejectionException("InvalidParameter.Duration", $"The specified parameter Duration is not valid: {d} {unit} (allowed: {string.Join(",", allowed)}).");
        }
        return new Change(region, ids, Mode(x.Param("RenewalStatus"), x.Param("AutoRenew")), duration, unit);
    }

    /// <summary>RenewalStatus wins over AutoRenew (policy-and-evidence.md §2).</summary>
    private static AutoRenewMode Mode(string? renewalStatus, string? autoRenew)
    {
        if (renewalStatus is not null) return Status(renewalStatus);
        // UNCONFIRMED: the codes for a non-boolean AutoRenew and for a request that sets neither.
        if (autoRenew is null) throw new RejectionException("MissingParameter", "Either AutoRenew or RenewalStatus must be specified.");
        return bool.TryParse(autoRenew, out var on) ? (on ? AutoRenewMode.Auto : AutoRenewMode.Manual)
            : throw new RejectionException("InvalidParameter", $"The specified parameter AutoRenew is not valid: {autoRenew}.");
    }

    private static AutoRenewMode Status(string raw) =>
        PolicyFlags.FromEcs(raw) ?? throw new RejectionException("InvalidParameter.RenewalStatus", $"The specified parameter RenewalStatus is not valid: {raw}.");

    private static List<string> Ids(string raw)
    {
        var ids = AskedIds(raw).ToList();
        return ids.Count <= MaxIds ? ids
            : throw new RejectionException("InvalidParameter.ToManyInstanceIds", $"The specified parameter InstanceId has {ids.Count} ids (at most {MaxIds}).");
    }

    /// <summary>Validates every id, then applies the change to all. Caller holds the state lock.</summary>
    public static void Apply(EmulatorState state, Change change)
    {
        var instances = new List<EmulatedInstance>();
        foreach (var id in change.InstanceIds)
        {
            var inst = state.Find(id, "ecs", change.Region, EmulatorState.EcsId().IsMatch(id))
                ?? throw new RejectionException("InvalidParameter.InvalidInstanceId", $"The specified InstanceId does not exist in {change.Region}: {id}.");
            if (!string.IsNullOrEmpty(inst.ForcedError)) throw new RejectionException(inst.ForcedError, $"Operation refused for instance {inst.Id}.");
            if (!inst.IsPrepaid)
                throw new RejectionException("ChargeTypeViolation", $"The operation is not permitted due to charge type of the instance {inst.Id}.");
            // Which states refuse is UNCONFIRMED; the code is documented. Those RenewInstance accepts are accepted here.
            if (inst.State.ToUpperInvariant() is not ("RUNNING" or "STOPPED"))
                throw new RejectionException("IncorrectInstanceStatus", $"The current status of the resource does not support this operation: {inst.Id} is {inst.State}.");
            instances.Add(inst);
        }
        foreach (var inst in instances)
        {
            inst.RenewFlag = PolicyFlags.RenewFlag(change.Mode);
            if (change.Duration is null) continue; // UNCONFIRMED: an omitted Duration keeps the one set before
            inst.AutoRenewDuration = change.Duration;
            inst.AutoRenewPeriodUnit = change.PeriodUnit;
        }
    }

    /// <summary>
    /// DescribeInstanceAutoRenewAttribute. PostPaid instances are listed as Normal / AutoRenewEnabled false (UNCONFIRMED):
    /// the harsher reading, so a client must take the charge type from DescribeInstances, never from this answer.
    /// Caller holds the state lock.
    /// </summary>
    public static void Describe(EmulatorState state, Exchange x)
    {
        var region = EcsReads.Required(x, "RegionId");
        var raw = x.Param("InstanceId");
        var ids = string.IsNullOrEmpty(raw) ? null : Ids(raw);
        var status = x.Param("RenewalStatus") is { } s ? Status(s) : (AutoRenewMode?)null;
        // The documented code for "neither InstanceId nor RenewalStatus" is inferred from its name (cloud-read-apis.md).
        if (ids is null && status is null)
            throw new RejectionException("InvalidParameter.RenewalStatusInstanceId", "At least one of InstanceId and RenewalStatus must be specified.");
        var size = Bounded(x.Param("PageSize"), "PageSize", 10, 100);
        var number = Bounded(x.Param("PageNumber"), "PageNumber", 1, int.MaxValue);
        state.CreateAsked(ids, "ecs", region, EmulatorState.EcsId());

        var matches = state.List("ecs", region)
            .Where(i => ids is null || ids.Contains(i.Id, StringComparer.Ordinal))
            .Where(i => status is null || ShownMode(i) == status)
            .ToList();
        var page = matches.Skip((int)Math.Min(int.MaxValue, (long)(number - 1) * size)).Take(size).ToList();
        x.InstanceIds = ids ?? page.Select(i => i.Id).ToList();
        var body = JsonSerializer.SerializeToNode(new
        {
            TotalCount = matches.Count,
            PageNumber = number,
            PageSize = size,
            InstanceRenewAttributes = new { InstanceRenewAttribute = page.Select(Attribute).ToList() },
        })!.AsObject();
        EcsWire.Answer(x, body);
    }

    private static AutoRenewMode ShownMode(EmulatedInstance i) => i.IsPrepaid ? PolicyFlags.ModeOf(i) : AutoRenewMode.Manual;

    private static object Attribute(EmulatedInstance i)
    {
        var mode = ShownMode(i);
        return new
        {
            InstanceId = i.Id,
            AutoRenewEnabled = mode == AutoRenewMode.Auto,
            Duration = PolicyFlags.EcsDuration(i),
            PeriodUnit = PolicyFlags.EcsPeriodUnit(i),
            RenewalStatus = PolicyFlags.EcsStatuses[(int)mode],
        };
    }

    private static int Bounded(string? raw, string name, int absent, int max) =>
        raw is null ? absent
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max ? n
        : throw new RejectionException("InvalidParameter." + name, $"The specified parameter {name} is not valid: {raw}.");
}
