using System;
using System.Collections.Generic;
using System.Linq;
using CloudEmulator.State;

namespace CloudEmulator.Tencent;

/// <summary>A parsed RenewInstances / RenewDBInstances request (3.0 JSON or gateway flattened form).</summary>
internal sealed record TencentRenewRequest(IReadOnlyList<string> InstanceIds, int? Period, string? RenewFlag);

/// <summary>Business rules for Tencent renewals (cloud-apis.md §2, §3, §4.4; seeds 000–002).</summary>
internal static class TencentRules
{
    public static readonly int[] CvmPeriods3 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60];
    public static readonly int[] GatewayPeriods = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36];
    public static readonly int[] MongoPeriods = GatewayPeriods;

    private static string Ids(IEnumerable<string> ids) => string.Join(", ", ids);

    /// <summary>Checks that need no state; shared by CVM (both forms) and MongoDB with their own codes.</summary>
    private static void ValidateShape(TencentRenewRequest r, int[] periods, string limitCode, string periodCode)
    {
        if (r.InstanceIds.Count == 0) throw new RejectionException("MissingParameter", "The request is missing a required parameter `InstanceIds`.");
        if (r.InstanceIds.Count > 100) throw new RejectionException(limitCode, $"At most 100 InstanceIds per request; got {r.InstanceIds.Count}.");
        if (r.Period is null) throw new RejectionException("MissingParameter", "The request is missing a required parameter `InstanceChargePrepaid.Period`.");
        if (!periods.Contains(r.Period.Value)) throw new RejectionException(periodCode, $"Invalid period {r.Period}; supported months: [{string.Join(", ", periods)}].");
        if (r.RenewFlag is not null && !PolicyFlags.IsRenewFlag(r.RenewFlag))
            throw new RejectionException("InvalidParameterValue", $"Invalid InstanceChargePrepaid.RenewFlag `{r.RenewFlag}`.");
        var dup = r.InstanceIds.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        RejectIf(dup, "InvalidParameterValue", "Duplicate instance ids");
    }

    private static string? CvmStateCode(string state) => state.ToUpperInvariant() switch
    {
        "BANNING" => "UnsupportedOperation.InstanceStateBanning",
        "FREEZING" => "UnsupportedOperation.InstanceStateFreezing",
        "PENDING" => "UnsupportedOperation.InstanceStatePending",
        "REBOOTING" => "UnsupportedOperation.InstanceStateRebooting",
        "STARTING" => "UnsupportedOperation.InstanceStateStarting",
        "STOPPING" => "UnsupportedOperation.InstanceStateStopping",
        "TERMINATING" => "UnsupportedOperation.InstanceStateTerminating",
        "OPERATING" or "IN_OPERATION" => "OperationDenied.InstanceOperationInProgress",
        _ => null,
    };

    /// <summary>Per-instance ForcedError: all instances forced with the first such code are named.</summary>
    private static void RejectForced(IReadOnlyList<EmulatedInstance> instances)
    {
        var forced = instances.FirstOrDefault(i => !string.IsNullOrEmpty(i.ForcedError));
        if (forced is null) return;
        RejectIf(instances.Where(i => i.ForcedError == forced.ForcedError).Select(i => i.Id), forced.ForcedError!, "Operation refused for instance(s)");
    }

    /// <summary><paramref name="quote"/>: a price inquiry, which needs no balance (the price is the plan's Cost).</summary>
    private static RenewalPlan Plan(IReadOnlyList<EmulatedInstance> instances, int months, EmulatedAccount account, string balanceCode, bool quote = false)
    {
        var cost = instances.Sum(i => i.MonthlyPrice * months);
        if (!quote && cost > account.Balance)
            throw new RejectionException(balanceCode, $"Insufficient balance: renewing {Ids(instances.Select(i => i.Id))} costs {cost}, balance is {account.Balance}.");
        return new RenewalPlan(instances, e => e.AddMonths(months), cost) { Months = months };
    }

    /// <summary>
    /// The CVM instances <paramref name="ids"/> name in <paramref name="region"/>, refused as a whole (the real API refuses a
    /// batch) when one is malformed, unknown, forced to fail, not prepaid, busy with an operation or in a blocking state.
    /// Shared by RenewInstances, its price inquiry and ModifyInstancesRenewFlag. Caller holds the state lock.
    /// </summary>
    public static List<EmulatedInstance> CvmInstances(EmulatorState state, IReadOnlyList<string> ids, string region)
    {
        RejectIf(ids.Where(id => !EmulatorState.CvmId().IsMatch(id)), "InvalidInstanceId.Malformed", "Malformed instance id(s)");
        var found = ids.Select(id => (id, inst: state.Find(id, "cvm", region, wellFormed: true))).ToList();
        RejectIf(found.Where(f => f.inst is null).Select(f => f.id), "InvalidInstanceId.NotFound", $"Instance(s) not found in region {region}");
        var instances = found.Select(f => f.inst!).ToList();
        RejectForced(instances);
        RejectIf(instances.Where(i => !i.IsPrepaid).Select(i => i.Id), "UnsupportedOperation.InstanceChargeType", "Only PREPAID instances support this operation; not prepaid");
        RejectIf(instances.Where(i => i.LatestOperationState == "OPERATING").Select(i => i.Id), "OperationDenied.InstanceOperationInProgress",
            "An operation (asynchronous renewal or renew-flag change) is still in progress on instance(s)");
        foreach (var group in instances.Select(i => (i.Id, Code: CvmStateCode(i.State))).Where(s => s.Code is not null).GroupBy(s => s.Code!))
            RejectIf(group.Select(s => s.Id), group.Key, "Instance state does not allow this operation");
        return instances;
    }

    /// <summary>The MongoDB instances <paramref name="ids"/> name: unknown, malformed or deleted → NotFoundInstance; forced errors. Caller holds the state lock.</summary>
    public static List<EmulatedInstance> MongoInstances(EmulatorState state, IReadOnlyList<string> ids, string? region)
    {
        var found = ids.Select(id => (id, inst: EmulatorState.MongoId().IsMatch(id) ? state.Find(id, "mongodb", region, wellFormed: true) : null)).ToList();
        RejectIf(found.Where(f => f.inst is null || f.inst.State.Equals("DELETED", StringComparison.OrdinalIgnoreCase)).Select(f => f.id),
            "InvalidParameterValue.NotFoundInstance", "Instance(s) not found");
        var instances = found.Select(f => f.inst!).ToList();
        RejectForced(instances);
        return instances;
    }

    /// <summary>Refuses the whole request, naming every offending id.</summary>
    public static void RejectIf(IEnumerable<string> offending, string code, string what)
    {
        var list = offending.ToList();
        if (list.Count > 0) throw new RejectionException(code, $"{what}: {Ids(list)}");
    }

    /// <summary>CVM RenewInstances (3.0 and gateway form). Caller holds the state lock.</summary>
    public static RenewalPlan Cvm(EmulatorState state, EmulatedAccount account, TencentRenewRequest r, string region, int[] periods, bool quote = false)
    {
        ValidateShape(r, periods, "InvalidParameterValue.LimitExceeded", "InvalidPeriod");
        var instances = CvmInstances(state, r.InstanceIds, region);
        if (account.UnpaidOrder) throw new RejectionException("InvalidAccount.UnpaidOrder", "The account has unpaid orders.");
        RejectIf(instances.Where(i => i.UnpaidOrder).Select(i => i.Id), "InvalidAccount.UnpaidOrder", "Unpaid order exists for instance(s)");
        return Plan(instances, r.Period!.Value, account, "InvalidAccount.InsufficientBalance", quote) with { CarriesRenewFlag = true, RenewFlag = r.RenewFlag };
    }

    /// <summary>
    /// MongoDB RenewDBInstances. Only three codes are documented for it (§3); for the rest we use the closest documented
    /// ones: a bad period → InvalidParameterValue; balance / unpaid → the InvalidAccount.* codes CVM uses for the same
    /// billing checks (same Tencent billing backend; MongoDB documents no balance code of its own).
    /// </summary>
    public static RenewalPlan Mongo(EmulatorState state, EmulatedAccount account, TencentRenewRequest r, string? region, bool quote = false)
    {
        ValidateShape(r, MongoPeriods, "InvalidParameterValue", "InvalidParameterValue");
        var instances = MongoInstances(state, r.InstanceIds, region);
        RejectIf(instances.Where(i => !i.IsPrepaid).Select(i => i.Id), "InvalidParameterValue.InvalidTradeOperation", "Only prepaid instances can be renewed; not prepaid");
        RejectIf(instances.Where(i => !IsRenewableMongoState(i.State)).Select(i => i.Id), "InvalidParameterValue.InvalidTradeOperation", "Instance state does not allow renewal");
        if (account.UnpaidOrder) throw new RejectionException("InvalidAccount.UnpaidOrder", "The account has unpaid orders.");
        RejectIf(instances.Where(i => i.UnpaidOrder).Select(i => i.Id), "InvalidAccount.UnpaidOrder", "Unpaid order exists for instance(s)");
        return Plan(instances, r.Period!.Value, account, "InvalidAccount.InsufficientBalance", quote) with { CarriesRenewFlag = true, RenewFlag = r.RenewFlag };
    }

    private static bool IsRenewableMongoState(string state) =>
        state.ToUpperInvariant() is "RUNNING" or "ISOLATED" or "STOPPED";

    /// <summary>Legacy CVM RenewInstance (seed 000). Blocking states use the seed's (misspelt) code.</summary>
    public static RenewalPlan LegacyCvm(EmulatorState state, EmulatedAccount account, string? instanceId, string? period)
    {
        if (string.IsNullOrEmpty(instanceId)) throw new RejectionException("InvalidParameter", "instanceId is required.");
        if (!int.TryParse(period, out var months) || months < 1 || months > 36)
            throw new RejectionException("InvalidParameter", $"period must be 1-36 months; got '{period}'.");
        var wellFormed = EmulatorState.LegacyCvmId().IsMatch(instanceId) || EmulatorState.CvmId().IsMatch(instanceId);
        var inst = state.Find(instanceId, "cvm", null, wellFormed)
            ?? throw new RejectionException("ResourceNotFound", $"Instance {instanceId} does not exist.");
        if (!string.IsNullOrEmpty(inst.ForcedError)) throw new RejectionException(inst.ForcedError, $"Operation refused for instance {instanceId}.");
        if (!inst.IsPrepaid) throw new RejectionException("OperationConstraints.InvaildInstanceStatus", $"Instance {instanceId} is not a prepaid instance.");
        if (inst.State.ToUpperInvariant() is not ("RUNNING" or "STOPPED" or "SHUTDOWN"))
            throw new RejectionException("OperationConstraints.InvaildInstanceStatus", $"Instance {instanceId} is in state {inst.State}.");
        if (account.UnpaidOrder || inst.UnpaidOrder) throw new RejectionException("InvalidAccount.UnpaidOrder", $"Unpaid order blocks renewing {instanceId}.");
        return Plan([inst], months, account, "OperationConstraints.AccountBalanceNotEnough");
    }

    /// <summary>Legacy RenewMongoDB (seed 002), module codes 11050/11056/11051/11067/100207.</summary>
    public static RenewalPlan LegacyMongo(EmulatorState state, EmulatedAccount account, string? instanceId, string? period)
    {
        if (string.IsNullOrEmpty(instanceId)) throw new RejectionException("InvalidParameter", "instanceId is required.");
        if (!int.TryParse(period, out var months)) throw new RejectionException("InvalidParameter", $"period must be an integer; got '{period}'.");
        if (!MongoPeriods.Contains(months)) throw new RejectionException("PeriodNotInRange", $"period {months} is not in [{string.Join(", ", MongoPeriods)}].");
        var inst = state.Find(instanceId, "mongodb", null, EmulatorState.MongoId().IsMatch(instanceId))
            ?? throw new RejectionException("InstanceNotExists", $"Instance {instanceId} does not exist.");
        if (!string.IsNullOrEmpty(inst.ForcedError)) throw new RejectionException(inst.ForcedError, $"Operation refused for instance {instanceId}.");
        if (inst.State.ToUpperInvariant() is "DELETED" or "ISOLATED")
            throw new RejectionException("InstanceDeleted", $"Instance {instanceId} has been reclaimed.");
        if (!inst.IsPrepaid) throw new RejectionException("InvalidParameter", $"Instance {instanceId} is not a prepaid instance.");
        if (account.UnpaidOrder || inst.UnpaidOrder) throw new RejectionException("InvalidParameter", $"Unpaid order blocks renewing {instanceId}.");
        return Plan([inst], months, account, "OperationConstraints.AccountBalanceNotEnough");
    }
}
