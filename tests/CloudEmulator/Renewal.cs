using System;
using CloudEmulator.Faults;
using CloudEmulator.State;

namespace CloudEmulator;

/// <summary>The steps every renew (and Describe, and policy) action shares: rate limit, faults, atomic check-and-execute (or read).</summary>
internal sealed class Renewal(EmulatorState state, FaultEngine faults)
{
    /// <summary>
    /// Rate limit then pre-execution faults. False when the request has already been answered. <paramref name="namedOnly"/>:
    /// a read or a policy write, which only scripted rules naming its action fault (a rule without Action is for renewals).
    /// </summary>
    public bool Admit(Exchange x, Wire wire, EmulatedAccount account, string rateKey, bool namedOnly = false)
    {
        if (!state.TryAdmit(account.Id, rateKey))
        {
            wire.Throttled(x);
            return false;
        }
        var fault = faults.TakePre(x.Product, x.Action, x.InstanceIds, namedOnly);
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
    /// Then writes the success body and applies post-execution faults. <paramref name="mayDefer"/> and
    /// <paramref name="operationRequestId"/>: see <see cref="EmulatorState.Execute"/> (Tencent API 3.0 only).
    /// </summary>
    public void Execute(Exchange x, Wire wire, EmulatedAccount account, Func<RenewalPlan?> check,
        Action<Exchange> writeSuccess, Action<Exchange>? onExecuted = null, bool mayDefer = false, string? operationRequestId = null)
    {
        lock (state.Sync)
        {
            var plan = check();
            if (plan is null) return;
            state.Execute(plan, account, mayDefer, operationRequestId);
            x.Executed = true;
            onExecuted?.Invoke(x);
        }
        writeSuccess(x);
        AfterExecution(x, wire, namedOnly: false);
    }

    /// <summary>
    /// A policy write (nothing charged): <paramref name="apply"/> validates and changes the state under the lock,
    /// all-or-nothing (it throws <see cref="RejectionException"/> to refuse); then the success body and post-execution faults.
    /// </summary>
    public void Write(Exchange x, Wire wire, Action apply, Action<Exchange> writeSuccess)
    {
        lock (state.Sync)
        {
            apply();
            x.Executed = true;
        }
        writeSuccess(x);
        AfterExecution(x, wire, namedOnly: true);
    }

    /// <summary>
    /// A Describe action: <paramref name="answer"/> reads the state under the lock (it "executes" trivially; Executed stays
    /// false, as nothing is charged) and writes the answer, then post-execution faults apply as for renewals.
    /// </summary>
    public void Read(Exchange x, Wire wire, Action<Exchange> answer)
    {
        lock (state.Sync) answer(x);
        AfterExecution(x, wire, namedOnly: true);
    }

    private void AfterExecution(Exchange x, Wire wire, bool namedOnly)
    {
        var fault = faults.TakePost(x.Product, x.Action, x.InstanceIds, namedOnly);
        switch (fault?.Kind)
        {
            case FaultKind.ErrorAfterExecution: wire.AfterExecutionFailure(x); break;
            case FaultKind.DropAfterExecution: x.Drop = true; x.Outcome = "DropAfterExecution"; break;
            case FaultKind.CloseAfterExecution: x.Drop = true; x.CloseGracefully = true; x.Outcome = "CloseAfterExecution"; break;
            case FaultKind.SlowAfterExecution: x.ExtraDelayMs += fault.DelayMs; x.Outcome = "SlowAfterExecution"; break;
        }
    }
}
