using System;
using CloudEmulator.Faults;
using CloudEmulator.State;

namespace CloudEmulator;

/// <summary>The steps every renew action shares: rate limit, faults, atomic check-and-execute.</summary>
internal sealed class Renewal(EmulatorState state, FaultEngine faults)
{
    /// <summary>Rate limit then pre-execution faults. False when the request has already been answered.</summary>
    public bool Admit(Exchange x, Wire wire, EmulatedAccount account, string rateKey)
    {
        if (!state.TryAdmit(account.Id, rateKey))
        {
            wire.Throttled(x);
            return false;
        }
        var fault = faults.TakePre(x.Product, x.Action, x.InstanceIds);
        switch (fault?.Kind)
        {
            case null: return true;
            case FaultKind.Throttle: wire.Throttled(x); break;
            case FaultKind.ErrorBeforeExecution: wire.BeforeExecutionFailure(x); break;
            default: wire.Error(x, fault.Code ?? "InternalError", "Injected fault.", fault.HttpStatus); break;
        }
        return false;
    }

    /// <summary>
    /// Runs <paramref name="check"/> and the renewal under the state lock (all-or-nothing); <paramref name="check"/> throws
    /// <see cref="RejectionException"/> to refuse, or returns null when it answered itself (idempotent replay).
    /// Then writes the success body and applies post-execution faults.
    /// </summary>
    public void Execute(Exchange x, Wire wire, EmulatedAccount account, Func<RenewalPlan?> check,
        Action<Exchange> writeSuccess, Action<Exchange>? onExecuted = null)
    {
        lock (state.Sync)
        {
            var plan = check();
            if (plan is null) return;
            state.Execute(plan, account);
            x.Executed = true;
            onExecuted?.Invoke(x);
        }
        writeSuccess(x);
        var fault = faults.TakePost(x.Product, x.Action, x.InstanceIds);
        switch (fault?.Kind)
        {
            case FaultKind.ErrorAfterExecution: wire.AfterExecutionFailure(x); break;
            case FaultKind.DropAfterExecution: x.Drop = true; x.Outcome = "DropAfterExecution"; break;
            case FaultKind.CloseAfterExecution: x.Drop = true; x.CloseGracefully = true; x.Outcome = "CloseAfterExecution"; break;
            case FaultKind.SlowAfterExecution: x.ExtraDelayMs += fault.DelayMs; x.Outcome = "SlowAfterExecution"; break;
        }
    }
}
