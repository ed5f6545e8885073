using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>
    /// Issue #17's proof at fleet size: 1,000 instances per cloud (CVM, MongoDB, ECS), a third of the prepaid ones in each
    /// policy and a few postpaid, discovered and piped into Set-*AutoRenew -Policy AutoRenew. Every prepaid instance gets
    /// exactly one result, Changed or Unchanged, the cloud shows AutoRenew on every one, and a rerun only reads.
    /// </summary>
    public sealed class AutoRenewFleetProofTests : AutoRenewFleetTest
    {
        public AutoRenewFleetProofTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [Theory]
        [MemberData(nameof(Products), MemberType = typeof(AutoRenewFleetTest))]
        public void Discover_then_set_changes_each_prepaid_instance_once_and_a_rerun_sends_no_write(string get, string set, string region, string credential, string service, string action)
        {
            var fleet = Fleet(service);
            Assert.Equal(PerCloud, fleet.Count);
            var prepaid = fleet.Where(IsPrepaid).ToList();
            var postpaid = fleet.Where(i => !IsPrepaid(i)).Select(i => i.Id).ToHashSet();
            var already = prepaid.Where(i => Emulator.PolicyOf(i.Id)!.Mode == AutoRenewMode.Auto).Select(i => i.Id).ToHashSet();
            // The generated fleet has work of every kind: some postpaid, some already auto-renewing, most to change.
            Assert.NotEmpty(postpaid);
            Assert.InRange(already.Count, prepaid.Count / 5, prepaid.Count / 2);

            var r = Run(Pipeline(get, set, region, credential));

            Assert.Null(r.Terminating);
            var writes = Emulator.Requests.Where(q => q.Action == action).ToList();
            Output.WriteLine(set + ": " + Tally(r.PolicyResults) + "; " + action + " requests " + writes.Count + " (executed " + writes.Count(q => q.Executed)
                + "); all requests: " + string.Join(", ", Emulator.Requests.GroupBy(q => q.Action).Select(g => g.Key + " " + g.Count())));
            Assert.Equal(fleet.Select(i => i.Id).OrderBy(x => x), r.PolicyResults.Select(x => x.InstanceId).OrderBy(x => x));
            Assert.All(r.PolicyResults, x =>
            {
                if (postpaid.Contains(x.InstanceId))
                {
                    Assert.Equal(AutoRenewStatus.Failed, x.Status);
                    Assert.Equal("NotPrepaid", x.ErrorCode);
                }
                else
                {
                    Assert.Equal(already.Contains(x.InstanceId) ? AutoRenewStatus.Unchanged : AutoRenewStatus.Changed, x.Status);
                    Assert.Equal(AutoRenewPolicy.AutoRenew, x.CurrentPolicy ?? x.PreviousPolicy);
                }
            });
            Assert.Equal(postpaid.Count, r.Errors.Count);
            Assert.All(prepaid, i => Assert.Equal(AutoRenewMode.Auto, Emulator.PolicyOf(i.Id)!.Mode));
            Assert.All(postpaid, id => Assert.Null(Emulator.Instance(id)!.RenewFlag));
            // Only the instances that differed were sent, each in exactly one accepted request; a batch per page of input at most.
            var sent = writes.Where(q => q.Executed).SelectMany(q => q.InstanceIds).ToList();
            Assert.Equal(prepaid.Count - already.Count, sent.Count);
            Assert.Equal(sent.Count, sent.Distinct().Count());
            Assert.DoesNotContain(sent, id => already.Contains(id) || postpaid.Contains(id));
            Assert.InRange(writes.Count(q => q.Executed), (sent.Count + 99) / 100, (fleet.Count + 99) / 100);

            Emulator.ClearRequests();
            var again = Run(Pipeline(get, set, region, credential));
            Output.WriteLine("rerun: " + Tally(again.PolicyResults) + "; requests: " + string.Join(", ", Emulator.Requests.GroupBy(q => q.Action).Select(g => g.Key + " " + g.Count())));
            Assert.Equal(fleet.Count, again.PolicyResults.Count);
            Assert.All(again.PolicyResults.Where(x => !postpaid.Contains(x.InstanceId)), x => Assert.Equal(AutoRenewStatus.Unchanged, x.Status));
            Assert.DoesNotContain(Emulator.Requests, q => q.Action == action);
            Assert.NotEmpty(Emulator.Requests);
        }
    }
}
