using System;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Resilience
{
    /// <summary>
    /// Issue #16: a Tencent renewal whose answer was lost is resent only on evidence that it did not execute (the CVM
    /// operation record, the billing order list), never on a timer; and a renewal keeps the instance's auto-renew flag.
    /// </summary>
    public sealed class EvidenceTests : EmulatorTest
    {
        private static readonly DateTimeOffset Expiry = new DateTimeOffset(2026, 12, 20, 8, 0, 0, TimeSpan.Zero);
        private readonly ITestOutputHelper _output;

        public EvidenceTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override bool ReadsCloudState => true;

        protected override Scenario CreateScenario()
        {
            var instances = Enumerable.Range(1, 6).Select(i => Clouds.Mongo("cmgo-evid000" + i)).ToList();
            instances.AddRange(Enumerable.Range(1, 6).Select(i => Clouds.Cvm("ins-evid000" + i)));
            foreach (var i in instances)
            {
                i.Expiry = Expiry;
            }
            instances[1].RenewFlag = "NOTIFY_AND_AUTO_RENEW";
            instances[7].RenewFlag = "NOTIFY_AND_AUTO_RENEW";
            instances[8].RenewFlag = "DISABLE_NOTIFY_AND_MANUAL_RENEW";
            return Clouds.Scenario(instances);
        }

        private RunResult Renew(string cmdlet, string ids, string extra) =>
            Run(ids + " | " + cmdlet + " -Region ap-guangzhou -Credential $tc -Period 1 -Endpoint $endpoint -Force " + extra);

        [Fact]
        public void A_slow_MongoDB_renewal_whose_answer_was_lost_is_found_in_billing_and_never_resent()
        {
            // Completes 30 s after acceptance, beyond the 2 s wait: only the billing order shows that it executed.
            Emulator.Scenario.AsyncCompletionMs = 30000;
            Emulator.Enqueue(new FaultRule { Action = "RenewDBInstances", InstanceId = "cmgo-evid0001", Kind = FaultKind.DropAfterExecution });
            var r = Renew("Invoke-MongoDbRenewal", "'cmgo-evid0001'", "-WaitTimeoutSec 2 -Verbose");

            var result = Assert.Single(r.Results);
            _output.WriteLine(result.Message);
            Assert.Equal(RenewalStatus.Submitted, result.Status);
            Assert.Contains("billing lists its renew order", result.Message, StringComparison.Ordinal);
            Assert.Single(Emulator.Requests, q => q.Action == "RenewDBInstances");
            Assert.Contains(Emulator.Requests, q => q.Action == "DescribeDealsByCond");
        }

        [Fact]
        public void A_MongoDB_5xx_that_did_not_execute_is_proven_absent_from_billing_and_sent_again()
        {
            Emulator.Scenario.BillingListingDelayMs = 3000;
            Emulator.Enqueue(new FaultRule { Action = "RenewDBInstances", InstanceId = "cmgo-evid0003", Kind = FaultKind.ErrorBeforeExecution });
            var r = Renew("Invoke-MongoDbRenewal", "'cmgo-evid0003'", "-WaitTimeoutSec 2 -Verbose");

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Renewed, result.Status);
            Assert.Equal(2, result.Attempts);
            Assert.Equal(1, Emulator.RenewalCount("cmgo-evid0003"));
            Assert.Contains(r.Verbose, v => v.Message.Contains("billing lists no renew order", StringComparison.Ordinal));
        }

        [Fact]
        public void Without_billing_permission_a_lost_MongoDB_answer_is_Unknown_naming_the_permission_and_not_resent()
        {
            Emulator.Scenario.AsyncCompletionMs = 30000;
            Emulator.Scenario.Accounts.Single(a => a.Provider == "tencent").BillingNotAuthorized = true;
            Emulator.Enqueue(new FaultRule { Action = "RenewDBInstances", InstanceId = "cmgo-evid0004", Kind = FaultKind.ErrorAfterExecution });
            var r = Renew("Invoke-MongoDbRenewal", "'cmgo-evid0004'", "-WaitTimeoutSec 2 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue");

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Unknown, result.Status);
            Assert.Contains("billing:DescribeDealsByCond", result.Message, StringComparison.Ordinal);
            Assert.Single(Emulator.Requests, q => q.Action == "RenewDBInstances");
        }

        [Fact]
        public void Without_billing_permission_a_CVM_5xx_is_settled_by_its_operation_record()
        {
            Emulator.Scenario.Accounts.Single(a => a.Provider == "tencent").BillingNotAuthorized = true;
            Emulator.Enqueue(new FaultRule { Action = "RenewInstances", InstanceId = "ins-evid0001", Kind = FaultKind.ErrorBeforeExecution });
            var r = Renew("Invoke-CvmRenewal", "'ins-evid0001'", "-WaitTimeoutSec 2 -WarningAction SilentlyContinue");

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Renewed, result.Status);
            Assert.Equal(2, result.Attempts);
            Assert.Equal(1, Emulator.RenewalCount("ins-evid0001"));
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal", "'ins-evid0001','ins-evid0002','ins-evid0003'", "")]
        [InlineData("Invoke-MongoDbRenewal", "'cmgo-evid0001','cmgo-evid0002','cmgo-evid0005'", "")]
        [InlineData("Invoke-CvmRenewal", "'ins-evid0001','ins-evid0002','ins-evid0003'", "-NoWait")]
        [InlineData("Invoke-MongoDbRenewal", "'cmgo-evid0001','cmgo-evid0002','cmgo-evid0005'", "-NoWait")]
        public void A_renewal_without_a_flag_keeps_each_instance_s_own_auto_renew_policy(string cmdlet, string ids, string extra)
        {
            // A cloud that applies the documented default NOTIFY_AND_MANUAL_RENEW when a renewal omits RenewFlag.
            Emulator.Scenario.ApplyRenewFlagDefault = true;
            var before = Emulator.Scenario.Instances.ToDictionary(i => i.Id, i => i.RenewFlag ?? "NOTIFY_AND_MANUAL_RENEW");
            var r = Renew(cmdlet, ids, extra);

            Assert.Equal(3, r.Results.Count);
            Assert.Empty(r.Errors);
            foreach (var result in r.Results)
            {
                Assert.Equal(before[result.InstanceId], Emulator.Scenario.Instances.Single(i => i.Id == result.InstanceId).RenewFlag);
                Assert.Equal(1, Emulator.RenewalCount(result.InstanceId));
            }
        }

        [Fact]
        public void A_flag_asked_for_on_the_command_line_is_still_set()
        {
            Emulator.Scenario.ApplyRenewFlagDefault = true;
            var r = Renew("Invoke-CvmRenewal", "'ins-evid0002','ins-evid0003'", "-RenewFlag NOTIFY_AND_AUTO_RENEW");

            Assert.Equal(2, r.Results.Count);
            Assert.All(new[] { "ins-evid0002", "ins-evid0003" }, id => Assert.Equal("NOTIFY_AND_AUTO_RENEW", Emulator.Scenario.Instances.Single(i => i.Id == id).RenewFlag));
        }
    }
}
