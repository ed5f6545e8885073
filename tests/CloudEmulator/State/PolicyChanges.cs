using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudEmulator.State;

/// <summary>
/// CVM ModifyInstancesRenewFlag in flight: accepted at once (LatestOperation* traced as OPERATING), visible in
/// DescribeInstances only when it completes (SUCCESS) <see cref="Scenario.PolicyCompletionMs"/> later on the emulator's
/// clock (policy-and-evidence.md §2: asynchronous, eventually consistent). Caller holds EmulatorState.Sync.
/// </summary>
internal sealed class PolicyChanges(Scenario scenario)
{
    public const string CvmOperation = "ModifyInstancesRenewFlag";

    private sealed record Change(IReadOnlyList<EmulatedInstance> Instances, string RenewFlag, DateTimeOffset Due);

    private readonly List<Change> pending = new();

    public int Count => pending.Count;

    public void ModifyRenewFlag(IReadOnlyList<EmulatedInstance> instances, string renewFlag, string requestId, DateTimeOffset now)
    {
        foreach (var inst in instances)
        {
            inst.LatestOperation = CvmOperation;
            inst.LatestOperationState = "OPERATING";
            inst.LatestOperationRequestId = requestId;
            inst.LatestOperationErrorMsg = null;
        }
        var change = new Change(instances, renewFlag, now.AddMilliseconds(Math.Max(0, scenario.PolicyCompletionMs)));
        if (scenario.PolicyCompletionMs > 0) pending.Add(change);
        else Complete(change);
    }

    public void CompleteDue(DateTimeOffset now)
    {
        if (pending.Count == 0) return;
        foreach (var change in pending.Where(c => c.Due <= now).ToList())
        {
            pending.Remove(change);
            Complete(change);
        }
    }

    private static void Complete(Change change)
    {
        foreach (var inst in change.Instances)
        {
            inst.RenewFlag = change.RenewFlag;
            inst.LatestOperationState = "SUCCESS";
        }
    }
}
