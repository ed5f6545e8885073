using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CloudEmulator.State;

namespace CloudEmulator.Tencent;

/// <summary>
/// Setting the renewal policy without renewing (policy-and-evidence.md §2): CVM ModifyInstancesRenewFlag (2017-03-12,
/// asynchronous) and MongoDB SetAutoRenew (2018-04-08, read back at once). Nothing is charged; a batch is all-or-nothing.
/// </summary>
internal static class TencentPolicies
{
    private static readonly string[] CvmKeys = ["InstanceIds", "RenewFlag"];
    private static readonly string[] MongoKeys = ["InstanceIds", "AutoRenewFlag"];
    /// <summary>UNCONFIRMED: SetAutoRenew's maximum is not documented; CVM's 100 is used.</summary>
    private const int MongoMaxIds = 100;

    public sealed record CvmChange(IReadOnlyList<string> InstanceIds, string RenewFlag);
    public sealed record MongoChange(IReadOnlyList<string> InstanceIds, AutoRenewMode Mode);

    /// <summary>ModifyInstancesRenewFlag's JSON body: InstanceIds (1–100) and RenewFlag (one of the three).</summary>
    public static CvmChange ParseCvm(JsonElement body)
    {
        Api3Handler.RejectUnknown(body, CvmKeys);
        var ids = Api3Handler.InstanceIdsOf(body);
        if (ids.Count == 0) throw new RejectionException("MissingParameter", "The request is missing a required parameter `InstanceIds`.");
        if (ids.Count > 100) throw new RejectionException("InvalidParameterValue.LimitExceeded", $"At most 100 InstanceIds per request; got {ids.Count}.");
        if (!body.TryGetProperty("RenewFlag", out var flag))
            throw new RejectionException("MissingParameter", "The request is missing a required parameter `RenewFlag`.");
        var value = flag.ValueKind == JsonValueKind.String ? flag.GetString() : null;
        if (!PolicyFlags.IsRenewFlag(value))
            throw new RejectionException("InvalidParameterValue", $"Invalid RenewFlag `{flag}`; expected one of {string.Join(", ", PolicyFlags.RenewFlags)}.");
        return new CvmChange(ids, value!);
    }

    /// <summary>Validates the whole batch, then schedules the change (PolicyChanges). Caller holds the state lock.</summary>
    public static void ApplyCvm(EmulatorState state, CvmChange change, string region, string requestId)
    {
        var instances = TencentRules.CvmInstances(state, change.InstanceIds.Distinct().ToList(), region);
        state.Policies.ModifyRenewFlag(instances, change.RenewFlag, requestId, state.Now);
    }

    /// <summary>SetAutoRenew's JSON body: InstanceIds (array) and AutoRenewFlag 0 | 1 | 2; anything else is InvalidParameter.</summary>
    public static MongoChange ParseMongo(JsonElement body)
    {
        Api3Handler.RejectUnknown(body, MongoKeys);
        var ids = Api3Handler.InstanceIdsOf(body);
        if (ids.Count == 0) throw new RejectionException("InvalidParameter", "InstanceIds must name at least one instance.");
        if (ids.Count > MongoMaxIds) throw new RejectionException("InvalidParameter", $"At most {MongoMaxIds} InstanceIds per request; got {ids.Count}.");
        AutoRenewMode? mode = body.TryGetProperty("AutoRenewFlag", out var flag) && flag.ValueKind == JsonValueKind.Number && flag.TryGetInt32(out var n)
            ? PolicyFlags.FromMongo(n)
            : null;
        return mode is { } m ? new MongoChange(ids, m) : throw new RejectionException("InvalidParameter", "AutoRenewFlag must be 0 (manual), 1 (auto) or 2 (not renewed).");
    }

    /// <summary>Validates the whole batch, then sets the flag at once. Caller holds the state lock.</summary>
    public static void ApplyMongo(EmulatorState state, MongoChange change, string? region)
    {
        var instances = TencentRules.MongoInstances(state, change.InstanceIds, region);
        TencentRules.RejectIf(instances.Where(i => !i.IsPrepaid).Select(i => i.Id), "InvalidParameterValue.PostPayRenewError",
            "Pay-as-you-go instances have no renewal policy");
        foreach (var inst in instances) inst.RenewFlag = PolicyFlags.RenewFlag(change.Mode);
    }
}
