using System;
using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Resilience
{
    /// <summary>
    /// Issue #10's "done when": discover-then-renew over a 10,000-instance fleet, and the fault matrix of issue #5 with the
    /// read side on (30% throttling, 10% 5xx before execution, 5% answers dropped after execution; reads are faulted too).
    /// </summary>
    public sealed class ReadSideProofTests : EmulatorTest
    {
        private const int MatrixCount = 2000;
        private static readonly string[] Cvm = Clouds.CvmIds(MatrixCount, "m");
        private static readonly string[] Mongo = Clouds.MongoIds(MatrixCount, "m");
        private static readonly string[] Ecs = Clouds.EcsIds(MatrixCount, "m");
        private static readonly string[] Regions = { "ap-guangzhou", "ap-shanghai", "ap-beijing" };
        private readonly ITestOutputHelper _output;

        public ReadSideProofTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override bool ReadsCloudState => true;

        protected override Scenario CreateScenario()
        {
            var s = Clouds.Scenario(Cvm.Select(id => Clouds.Cvm(id)).Concat(Mongo.Select(id => Clouds.Mongo(id))).Concat(Ecs.Select(id => Clouds.Ecs(id))));
            var fleet = new FleetSpec { Service = "cvm", Count = 10000, PrepaidShare = 0.8, ExpiringWithinDays = 30, ExpiringShare = 0.5, ExpiredShare = 0.05, IdPrefix = "z", MonthlyPrice = 0 };
            fleet.Regions.AddRange(Regions);
            s.Fleets.Add(fleet);
            s.RateLimits["ecs:RenewInstance"] = 400;
            s.RateLimits["ecs:DescribeInstances"] = 400;
            return s;
        }

        [Fact]
        public void Discover_then_renew_renews_exactly_the_prepaid_instances_due_each_once_and_confirms_each()
        {
            var now = DateTimeOffset.UtcNow;
            Assert.Equal(10000, Emulator.Scenario.Instances.Count(i => i.Id.StartsWith("ins-z", StringComparison.Ordinal)));
            // The fleet and the fault matrix's CVM instances (due in 30 days, in ap-guangzhou) are all there to find.
            var fleet = Emulator.Scenario.Instances.Where(i => i.Service == "cvm").ToList();
            var before = fleet.ToDictionary(i => i.Id, i => i.Expiry);
            var due = fleet.Where(i => i.IsPrepaidForTests() && i.Expiry <= now.AddDays(30)).Select(i => i.Id).ToHashSet();

            var r = Run("Get-CvmInstance -Region " + string.Join(",", Regions) + " -ExpiringWithinDays 30 -Credential $tc -Endpoint $endpoint | Invoke-CvmRenewal -Period 1 -Credential $tc -Endpoint $endpoint -Force");

            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            var got = r.Results.Select(x => x.InstanceId).ToHashSet();
            Assert.True(due.SetEquals(got), "due " + due.Count + ", renewed " + got.Count + ", missing " + string.Join(",", due.Except(got).Take(5)) + ", extra " + string.Join(",", got.Except(due).Take(5)) + " " + string.Join(" | ", r.Results.Take(3).Select(x => x.InstanceId + " " + x.Status + " " + x.Message)));
            Assert.All(r.Results, x =>
            {
                Assert.Equal(RenewalStatus.Renewed, x.Status);
                Assert.Equal(before[x.InstanceId], x.PreviousExpiry);
                Assert.Equal(before[x.InstanceId].AddMonths(1), x.NewExpiry);
            });
            Assert.All(fleet, i => Assert.Equal(due.Contains(i.Id) ? 1 : 0, Emulator.RenewalCount(i.Id)));
            _output.WriteLine(due.Count + " of " + fleet.Count + " renewed; requests: " + string.Join(", ", Emulator.Requests.GroupBy(q => q.Action).Select(g => g.Key + " " + g.Count())));
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal", "ap-guangzhou", "$tc", "")]
        [InlineData("Invoke-MongoDbRenewal", "ap-guangzhou", "$tc", "")]
        [InlineData("Invoke-EcsRenewal", "cn-hangzhou", "$ali", "-MaxRequestsPerSecond 200 -ThrottleLimit 16")]
        public void Under_the_fault_matrix_nothing_is_renewed_twice_and_Unknown_stays_under_one_percent(string cmdlet, string region, string credential, string extra)
        {
            var ids = cmdlet.Contains("Cvm", StringComparison.Ordinal) ? Cvm : cmdlet.Contains("Mongo", StringComparison.Ordinal) ? Mongo : Ecs;
            Emulator.Scenario.Faults.ThrottleRate = 0.30;
            Emulator.Scenario.Faults.ErrorBeforeExecutionRate = 0.10;
            Emulator.Scenario.Faults.DropAfterExecutionRate = 0.05;

            var r = Run("$ids | " + cmdlet + " -Region " + region + " -Period 1 -Credential " + credential + " -Endpoint $endpoint -Force -WaitTimeoutSec 3 -ErrorAction SilentlyContinue " + extra,
                new Dictionary<string, object?> { ["ids"] = ids });

            Assert.Null(r.Terminating);
            Assert.Equal(ids.OrderBy(x => x), r.Results.Select(x => x.InstanceId).OrderBy(x => x));
            Assert.All(ids, id => Assert.InRange(Emulator.RenewalCount(id), 0, 1));
            Assert.All(r.Results.Where(x => x.Status is RenewalStatus.Renewed or RenewalStatus.Submitted), x => Assert.Equal(1, Emulator.RenewalCount(x.InstanceId)));
            var unknown = r.Results.Count(x => x.Status == RenewalStatus.Unknown);
            var counts = string.Join(", ", r.Results.GroupBy(x => x.Status).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count()));
            var requests = string.Join(", ", Emulator.Requests.GroupBy(q => q.Action + "/" + q.Outcome).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count()));
            _output.WriteLine(cmdlet + ": " + counts + "; requests: " + requests);
            Console.WriteLine("read-side fault matrix " + cmdlet + ": " + counts + "; requests: " + requests);
            Assert.True(unknown <= ids.Length / 100, unknown + " Unknown of " + ids.Length + ": " + counts);
        }
    }

    internal static class EmulatedInstanceExtensions
    {
        public static bool IsPrepaidForTests(this EmulatedInstance instance) => instance.ChargeType.Equals("PREPAID", StringComparison.OrdinalIgnoreCase);
    }
}
