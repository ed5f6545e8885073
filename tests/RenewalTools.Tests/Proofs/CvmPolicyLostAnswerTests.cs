using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>
    /// CVM ModifyInstancesRenewFlag is asynchronous: while the change runs, the instance refuses another operation
    /// (OperationDenied.InstanceOperationInProgress). A resend after a lost answer, or a rerun soon after a run that
    /// reported Submitted, meets that refusal although the change is being made: no result may say Failed, and the
    /// refusal must not cost a split down to single instances.
    /// </summary>
    public sealed class CvmPolicyLostAnswerTests : EmulatorTest
    {
        private static readonly string[] Ids = Clouds.CvmIds(20, "l");
        private readonly ITestOutputHelper _output;

        public CvmPolicyLostAnswerTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override Scenario CreateScenario()
        {
            var scenario = Clouds.Scenario(Ids.Select(id => Clouds.Cvm(id)));
            scenario.PolicyCompletionMs = 4000;
            return scenario;
        }

        [Fact]
        public void A_lost_answer_whose_resend_meets_the_running_change_is_not_reported_as_Failed()
        {
            Emulator.Enqueue(new FaultRule { Action = "ModifyInstancesRenewFlag", Kind = FaultKind.DropAfterExecution });

            var r = Run("$ids | Set-CvmAutoRenew -Region ap-guangzhou -Policy AutoRenew -WaitTimeoutSec 15 -Credential $tc -Endpoint $endpoint -Force -ErrorAction SilentlyContinue",
                new Dictionary<string, object?> { ["ids"] = Ids });

            var writes = Emulator.Requests.Where(q => q.Action == "ModifyInstancesRenewFlag").ToList();
            _output.WriteLine(AutoRenewFleetTest.Tally(r.PolicyResults) + "; writes: " + string.Join(", ", writes.Select(q => q.InstanceIds.Count + " ids " + q.Outcome)));
            foreach (var x in r.PolicyResults.Where(x => x.Status != AutoRenewStatus.Changed).Take(3))
            {
                _output.WriteLine("  " + x.InstanceId + " " + x.Status + " " + x.ErrorCode + ": " + x.Message);
            }
            Assert.Equal(Ids.Length, r.PolicyResults.Count);
            Assert.All(Ids, id => Assert.Equal(AutoRenewMode.Auto, Emulator.PolicyOf(id)!.Mode));
            Assert.All(r.PolicyResults, x => Assert.Contains(x.Status, new[] { AutoRenewStatus.Changed, AutoRenewStatus.Submitted }));
            Assert.True(writes.Count <= 3, writes.Count + " ModifyInstancesRenewFlag requests for one batch of " + Ids.Length);
        }
    
        [Fact]
        public void A_rerun_while_the_earlier_change_still_runs_neither_fails_nor_splits()
        {
            // The first run gives up reading back after 1 s and reports Submitted; the user reruns at once, as its warning invites.
            var first = Run("$ids | Set-CvmAutoRenew -Region ap-guangzhou -Policy AutoRenew -WaitTimeoutSec 1 -Credential $tc -Endpoint $endpoint -Force -ErrorAction SilentlyContinue -WarningAction SilentlyContinue",
                new Dictionary<string, object?> { ["ids"] = Ids });
            Assert.All(first.PolicyResults, x => Assert.Equal(AutoRenewStatus.Submitted, x.Status));
            Emulator.ClearRequests();

            var r = Run("$ids | Set-CvmAutoRenew -Region ap-guangzhou -Policy AutoRenew -WaitTimeoutSec 15 -Credential $tc -Endpoint $endpoint -Force -ErrorAction SilentlyContinue",
                new Dictionary<string, object?> { ["ids"] = Ids });

            var writes = Emulator.Requests.Where(q => q.Action == "ModifyInstancesRenewFlag").ToList();
            _output.WriteLine(AutoRenewFleetTest.Tally(r.PolicyResults) + "; " + writes.Count + " ModifyInstancesRenewFlag requests");
            Assert.Equal(Ids.Length, r.PolicyResults.Count);
            Assert.All(Ids, id => Assert.Equal(AutoRenewMode.Auto, Emulator.PolicyOf(id)!.Mode));
            Assert.All(r.PolicyResults, x => Assert.Contains(x.Status, new[] { AutoRenewStatus.Changed, AutoRenewStatus.Unchanged, AutoRenewStatus.Submitted }));
            Assert.True(writes.Count <= 3, writes.Count + " ModifyInstancesRenewFlag requests for one batch of " + Ids.Length);
        }
    }
}
