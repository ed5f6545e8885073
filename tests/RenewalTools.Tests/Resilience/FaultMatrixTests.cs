using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Resilience
{
    /// <summary>
    /// Issue #5's fault matrix: 2,000 instances per service with 30% throttling, 10% 5xx before execution and 5% answers
    /// dropped after execution. Zero double renewals, one result per input, Unknown only where no answer could tell.
    /// </summary>
    public sealed class FaultMatrixTests : EmulatorTest
    {
        private const int Count = 2000;
        private static readonly string[] Cvm = Clouds.CvmIds(Count, "f");
        private static readonly string[] Mongo = Clouds.MongoIds(Count, "f");
        private static readonly string[] Ecs = Clouds.EcsIds(Count, "f");
        private readonly ITestOutputHelper _output;

        public FaultMatrixTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override Scenario CreateScenario()
        {
            var s = Clouds.Scenario(Cvm.Select(id => Clouds.Cvm(id)).Concat(Mongo.Select(id => Clouds.Mongo(id))).Concat(Ecs.Select(id => Clouds.Ecs(id))));
            s.RateLimits["ecs:RenewInstance"] = 400;
            return s;
        }

        private void InjectFaults()
        {
            Emulator.Scenario.Faults.ThrottleRate = 0.30;
            Emulator.Scenario.Faults.ErrorBeforeExecutionRate = 0.10;
            Emulator.Scenario.Faults.DropAfterExecutionRate = 0.05;
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal", "cvm", "RenewInstances")]
        [InlineData("Invoke-MongoDbRenewal", "mongodb", "RenewDBInstances")]
        public void Tencent_batches_are_never_renewed_twice_and_every_input_is_accounted_for(string cmdlet, string product, string action)
        {
            var ids = product == "cvm" ? Cvm : Mongo;
            InjectFaults();
            var r = Run("$ids | " + cmdlet + " -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -ErrorAction SilentlyContinue", new Dictionary<string, object?> { ["ids"] = ids });

            AssertAccountedOnceAndNeverTwice(r, ids);
            var requests = Emulator.Requests.Where(q => q.Action == action).ToList();
            // Unknown only where the last request carrying the instance got no API answer (5xx or a dropped connection).
            var lastOutcome = new Dictionary<string, string>();
            foreach (var q in requests)
            {
                foreach (var id in q.InstanceIds)
                {
                    lastOutcome[id] = q.Outcome;
                }
            }
            foreach (var unknown in r.Results.Where(x => x.Status == RenewalStatus.Unknown))
            {
                Assert.Contains(lastOutcome[unknown.InstanceId], new[] { "ErrorBeforeExecution", "DropAfterExecution" });
            }
            // Everything that got a clear answer was submitted: throttling was absorbed by retries.
            Assert.All(r.Results.Where(x => x.Status != RenewalStatus.Unknown), x => Assert.Equal(RenewalStatus.Submitted, x.Status));
            Report(r, requests.Count);
        }

        [Fact]
        public void Ecs_with_client_tokens_renews_every_instance_exactly_once()
        {
            InjectFaults();
            var r = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -MaxRequestsPerSecond 200 -ThrottleLimit 16 -ErrorAction SilentlyContinue", new Dictionary<string, object?> { ["ids"] = Ecs });

            AssertAccountedOnceAndNeverTwice(r, Ecs);
            // The token makes every resend harmless, so nothing stays Unknown and every instance is renewed once.
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Renewed, x.Status));
            Assert.All(Ecs, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            Report(r, Emulator.Requests.Count(q => q.Action == "RenewInstance"));
        }

        private void AssertAccountedOnceAndNeverTwice(RunResult r, string[] ids)
        {
            Assert.Null(r.Terminating);
            Assert.Equal(ids.Length, r.Results.Count);
            Assert.Equal(ids.OrderBy(x => x), r.Results.Select(x => x.InstanceId).OrderBy(x => x));
            Assert.All(r.Results, x => Assert.Contains(x.Status, new[] { RenewalStatus.Renewed, RenewalStatus.Submitted, RenewalStatus.Failed, RenewalStatus.Unknown }));
            Assert.All(ids, id => Assert.InRange(Emulator.RenewalCount(id), 0, 1));
            // Submitted/Renewed means renewed exactly once.
            Assert.All(r.Results.Where(x => x.Status is RenewalStatus.Submitted or RenewalStatus.Renewed), x => Assert.Equal(1, Emulator.RenewalCount(x.InstanceId)));
        }

        private void Report(RunResult r, int requests)
        {
            var counts = string.Join(", ", r.Results.GroupBy(x => x.Status).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count()));
            var faults = string.Join(", ", Emulator.Requests.GroupBy(q => q.Outcome).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count()));
            _output.WriteLine("results: " + counts + "; requests: " + requests + " (" + faults + ")");
            System.Console.WriteLine("fault matrix: " + counts + "; requests " + requests + " (" + faults + ")");
        }
    }
}
