using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudEmulator.Faults;

/// <summary>
/// Scripted rules first (in order, each consumed <see cref="FaultRule.Times"/> times), then the seeded random rates.
/// Pre-execution kinds are drawn before validation; post-execution kinds only when a renewal really executes,
/// so a DropAfterExecution rule is never wasted on a request that was going to fail anyway.
/// </summary>
internal sealed class FaultEngine
{
    private sealed class Pending(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;
        public int Remaining { get; set; } = rule.Times;
        public int ToSkip { get; set; } = rule.Skip;
    }

    private static readonly FaultKind[] PreKinds = [FaultKind.Throttle, FaultKind.ErrorBeforeExecution, FaultKind.ErrorCode];
    private static readonly FaultKind[] PostKinds = [FaultKind.ErrorAfterExecution, FaultKind.DropAfterExecution, FaultKind.SlowAfterExecution, FaultKind.CloseAfterExecution];

    private readonly List<Pending> queue = new();
    private readonly Random rng;
    private readonly Scenario scenario;

    public FaultEngine(Scenario scenario)
    {
        this.scenario = scenario;
        rng = new Random(scenario.Seed);
    }

    public void Enqueue(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Times <= 0) return;
        lock (queue) queue.Add(new Pending(rule));
    }

    /// <param name="namedOnly">A Describe* request or a policy write: action-less rules do not match it (see <see cref="FaultRule"/>).</param>
    public FaultRule? TakePre(string product, string action, IReadOnlyList<string> ids, bool namedOnly = false) =>
        Take(PreKinds, product, action, ids, namedOnly) ?? Roll(
            (scenario.Faults.ThrottleRate, FaultKind.Throttle),
            (scenario.Faults.ErrorBeforeExecutionRate, FaultKind.ErrorBeforeExecution));

    public FaultRule? TakePost(string product, string action, IReadOnlyList<string> ids, bool namedOnly = false) =>
        Take(PostKinds, product, action, ids, namedOnly) ?? Roll(
            (scenario.Faults.ErrorAfterExecutionRate, FaultKind.ErrorAfterExecution),
            (scenario.Faults.DropAfterExecutionRate, FaultKind.DropAfterExecution),
            (scenario.Faults.SlowRate, FaultKind.SlowAfterExecution));

    private FaultRule? Take(FaultKind[] kinds, string product, string action, IReadOnlyList<string> ids, bool namedOnly)
    {
        lock (queue)
        {
            Pending? hit = null;
            foreach (var candidate in queue.Where(p => kinds.Contains(p.Rule.Kind) && Matches(p.Rule, product, action, ids, namedOnly)))
            {
                if (candidate.ToSkip > 0)
                {
                    candidate.ToSkip--;
                    continue;
                }
                hit = candidate;
                break;
            }
            if (hit is null) return null;
            if (--hit.Remaining <= 0) queue.Remove(hit);
            return hit.Rule;
        }
    }

    private static bool Matches(FaultRule rule, string product, string action, IReadOnlyList<string> ids, bool namedOnly) =>
        (rule.Action is null
            ? !namedOnly
            : rule.Action.Equals(action, StringComparison.OrdinalIgnoreCase)
              || rule.Action.Equals(product + ":" + action, StringComparison.OrdinalIgnoreCase))
        && (rule.InstanceId is null || ids.Contains(rule.InstanceId, StringComparer.Ordinal));

    private FaultRule? Roll(params (double Rate, FaultKind Kind)[] rates)
    {
        foreach (var (rate, kind) in rates)
        {
            if (rate <= 0) continue;
            double draw;
            lock (rng) draw = rng.NextDouble();
            if (draw < rate) return new FaultRule { Kind = kind, DelayMs = scenario.Faults.SlowMs };
        }
        return null;
    }
}
