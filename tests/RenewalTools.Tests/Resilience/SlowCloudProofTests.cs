using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Resilience
{
    /// <summary>
    /// Issue #16's proof: 1,000 MongoDB and 1,000 CVM instances whose renewals complete 30 s after acceptance, 30% of the
    /// answers lost or 5xx, -WaitTimeoutSec 20. A resend needs evidence of non-execution: zero double renewals, one
    /// result per input, Unknown at most 1% when billing is readable; with billing refused, zero doubles and every
    /// unsettled MongoDB instance Unknown naming the permission.
    /// </summary>
    public sealed class SlowCloudProofTests : EmulatorTest
    {
        private const int Count = 1000;
        private static readonly string[] Cvm = Clouds.CvmIds(Count, "s");
        private static readonly string[] Mongo = Clouds.MongoIds(Count, "s");
        private readonly ITestOutputHelper _output;

        public SlowCloudProofTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override bool ReadsCloudState => true;

        protected override Scenario CreateScenario()
        {
            var s = Clouds.Scenario(Cvm.Select(id => Clouds.Cvm(id)).Concat(Mongo.Select(id => Clouds.Mongo(id))));
            s.AsyncCompletionMs = 30000;
            s.Faults.ErrorBeforeExecutionRate = 0.10;
            s.Faults.ErrorAfterExecutionRate = 0.10;
            s.Faults.DropAfterExecutionRate = 0.10;
            return s;
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal", "RenewInstances", false)]
        [InlineData("Invoke-MongoDbRenewal", "RenewDBInstances", false)]
        [InlineData("Invoke-MongoDbRenewal", "RenewDBInstances", true)]
        public void Slow_renewals_with_lost_answers_are_never_renewed_twice(string cmdlet, string action, bool billingRefused)
        {
            var ids = cmdlet == "Invoke-CvmRenewal" ? Cvm : Mongo;
            Emulator.Scenario.Accounts.Single(a => a.Provider == "tencent").BillingNotAuthorized = billingRefused;
            var r = Run("$ids | " + cmdlet + " -Region ap-guangzhou -Period 1 -WaitTimeoutSec 20 -Credential $tc -Endpoint $endpoint -Force -ErrorAction SilentlyContinue -WarningAction SilentlyContinue",
                new Dictionary<string, object?> { ["ids"] = ids });
            // Let every accepted renewal complete before counting what was charged.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Emulator.PendingRenewals > 0 && waited.Elapsed.TotalSeconds < 60)
            {
                System.Threading.Thread.Sleep(500);
            }

            var charged = Emulator.BillingOrders.Where(o => ids.Contains(o.ResourceId) && o.Status != 5).GroupBy(o => o.ResourceId).ToDictionary(g => g.Key, g => g.Count());
            var statuses = r.Results.GroupBy(x => x.Status).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count());
            _output.WriteLine(cmdlet + (billingRefused ? " (billing refused)" : "") + ": " + string.Join(", ", statuses)
                + "; charged twice: " + charged.Count(c => c.Value > 1) + "; " + action + " requests: " + Emulator.Requests.Count(q => q.Action == action));
            Assert.Equal(ids.Length, r.Results.Count);
            Assert.Equal(ids.OrderBy(x => x), r.Results.Select(x => x.InstanceId).OrderBy(x => x));
            Assert.DoesNotContain(charged, c => c.Value > 1);
            var unknown = r.Results.Where(x => x.Status == RenewalStatus.Unknown).ToList();
            if (!billingRefused)
            {
                Assert.True(unknown.Count <= ids.Length / 100, unknown.Count + " Unknown");
            }
            else
            {
                Assert.All(unknown, x => Assert.Contains("billing:DescribeDealsByCond", x.Message, System.StringComparison.Ordinal));
            }
            // Renewed or Submitted (executed) instances were charged exactly once; Failed ones not at all.
            Assert.All(r.Results.Where(x => x.Status is RenewalStatus.Renewed or RenewalStatus.Submitted), x => Assert.Equal(1, charged.GetValueOrDefault(x.InstanceId)));
            Assert.All(r.Results.Where(x => x.Status == RenewalStatus.Failed), x => Assert.Equal(0, charged.GetValueOrDefault(x.InstanceId)));
        }
    }
}
