using System.Diagnostics;
using System.Linq;
using System.Threading;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>
    /// Issue #17's fault proof: the discover-then-set pipeline over 1,000 instances per cloud while every request, reads
    /// included, meets 30% throttling, 10% 5xx (half before execution, half after) and 5% answers lost after execution.
    /// Every input still gets exactly one result and the cloud ends with AutoRenew on every prepaid instance.
    /// </summary>
    public sealed class AutoRenewFaultProofTests : AutoRenewFleetTest
    {
        public AutoRenewFaultProofTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [Theory]
        [MemberData(nameof(Products), MemberType = typeof(AutoRenewFleetTest))]
        public void Under_throttling_5xx_and_lost_answers_every_input_gets_one_result_and_every_prepaid_instance_ends_auto_renewing(string get, string set, string region, string credential, string service, string action)
        {
            var fleet = Fleet(service);
            var prepaid = fleet.Where(IsPrepaid).Select(i => i.Id).ToList();
            Emulator.Scenario.Faults.ThrottleRate = 0.30;
            Emulator.Scenario.Faults.ErrorBeforeExecutionRate = 0.05;
            Emulator.Scenario.Faults.ErrorAfterExecutionRate = 0.05;
            Emulator.Scenario.Faults.DropAfterExecutionRate = 0.05;
            // Writes are few (up to 100 instances each), so the rates alone may miss the cases that matter most: make sure
            // one accepted change loses its answer and another is answered with a 5xx.
            Emulator.Enqueue(new FaultRule { Action = action, Kind = FaultKind.DropAfterExecution, Skip = 1 });
            Emulator.Enqueue(new FaultRule { Action = action, Kind = FaultKind.ErrorAfterExecution, Skip = 3 });

            var clock = Stopwatch.StartNew();
            var r = Run(Pipeline(get, set, region, credential, "-WaitTimeoutSec 10 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue"));
            var wall = clock.Elapsed;
            // A CVM change accepted in the last moments becomes visible PolicyCompletionMs later.
            while (Emulator.PendingPolicyChanges > 0 && clock.Elapsed.TotalSeconds < wall.TotalSeconds + 10)
            {
                Thread.Sleep(100);
            }

            var writes = Emulator.Requests.Where(q => q.Action == action).ToList();
            Output.WriteLine(set + " in " + wall.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s: " + Tally(r.PolicyResults)
                + "; attempts " + r.PolicyResults.Sum(x => x.Attempts) + " (max " + r.PolicyResults.Max(x => x.Attempts) + " per instance)"
                + "; " + action + " requests " + writes.Count + ", executed " + writes.Count(q => q.Executed) + " carrying " + writes.Where(q => q.Executed).Sum(q => q.InstanceIds.Count) + " ids");
            Output.WriteLine("requests by outcome: " + string.Join(", ", Emulator.Requests.GroupBy(q => q.Action + "/" + q.Outcome).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count())));
            foreach (var odd in r.PolicyResults.Where(x => x.Status is not (AutoRenewStatus.Changed or AutoRenewStatus.Unchanged)).Take(5))
            {
                Output.WriteLine("  " + odd.InstanceId + " " + odd.Status + " " + odd.ErrorCode + ": " + odd.Message);
            }

            Assert.Null(r.Terminating);
            Assert.Contains(writes, q => q.Outcome == "DropAfterExecution");
            Assert.Contains(writes, q => q.Outcome == "ErrorAfterExecution");
            Assert.Equal(fleet.Select(i => i.Id).OrderBy(x => x), r.PolicyResults.Select(x => x.InstanceId).OrderBy(x => x));
            var wrong = prepaid.Where(id => Emulator.PolicyOf(id)!.Mode != AutoRenewMode.Auto).ToList();
            Assert.True(wrong.Count == 0, wrong.Count + " prepaid instance(s) not auto-renewing, first " + string.Join(", ", wrong.Take(5)));
            // A prepaid instance's result never says the change failed: the cloud shows it made.
            var prepaidIds = prepaid.ToHashSet();
            Assert.All(r.PolicyResults.Where(x => prepaidIds.Contains(x.InstanceId)), x => Assert.NotEqual(AutoRenewStatus.Failed, x.Status));
            Assert.All(r.PolicyResults.Where(x => !prepaidIds.Contains(x.InstanceId)), x => Assert.Equal(AutoRenewStatus.Failed, x.Status));
        }
    }
}
