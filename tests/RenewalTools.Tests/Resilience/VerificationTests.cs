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
    /// Issue #10 items 2 and 3, as users run the cmdlets: the cloud is read before sending and read back after, so a result
    /// is Renewed only when the expiry moved, and a request that may have executed is settled from the cloud's state.
    /// </summary>
    public sealed class VerificationTests : EmulatorTest
    {
        private static readonly DateTimeOffset Expiry = new DateTimeOffset(2026, 12, 20, 8, 0, 0, TimeSpan.Zero);
        private readonly ITestOutputHelper _output;

        public VerificationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override bool ReadsCloudState => true;

        protected override Scenario CreateScenario()
        {
            var instances = Enumerable.Range(1, 12).Select(i => WithExpiry(Clouds.Cvm("ins-veri" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)))).ToList();
            instances.Add(WithExpiry(Clouds.Instance("ins-verpost1", "cvm", "ap-guangzhou", "POSTPAID_BY_HOUR")));
            var busy = WithExpiry(Clouds.Cvm("ins-verbusy1"));
            busy.LatestOperation = "RenewInstances";
            busy.LatestOperationState = "OPERATING";
            busy.LatestOperationRequestId = "another-run-request";
            instances.Add(busy);
            var later = Clouds.Cvm("ins-verlate1");
            later.Expiry = DateTimeOffset.UtcNow.AddDays(58).AddHours(1);
            instances.Add(later);
            instances.Add(WithExpiry(Clouds.Mongo("cmgo-veri0001")));
            instances.Add(WithExpiry(Clouds.Mongo("cmgo-veri0002")));
            instances.Add(WithExpiry(Clouds.Ecs("i-bpveri00000000000001")));
            return Clouds.Scenario(instances);
        }

        private static EmulatedInstance WithExpiry(EmulatedInstance instance)
        {
            instance.Expiry = Expiry;
            return instance;
        }

        private RunResult Renew(string ids, string extra = "", string cmdlet = "Invoke-CvmRenewal") =>
            Run(ids + " | " + cmdlet + " -Region " + (cmdlet == "Invoke-EcsRenewal" ? "cn-hangzhou -Credential $ali" : "ap-guangzhou -Credential $tc") + " -Period 1 -Endpoint $endpoint -Force " + extra);

        [Fact]
        public void An_asynchronous_renewal_is_Renewed_once_its_expiry_moved()
        {
            Emulator.Scenario.AsyncCompletionMs = 1500;
            var r = Renew("'ins-veri0001', 'ins-veri0002'");

            Assert.Empty(r.Errors);
            Assert.All(r.Results, x =>
            {
                Assert.Equal(RenewalStatus.Renewed, x.Status);
                Assert.Equal(Expiry, x.PreviousExpiry);
                Assert.Equal(Expiry.AddMonths(1), x.NewExpiry);
                Assert.False(string.IsNullOrEmpty(x.RequestId));
            });
            Assert.Single(Emulator.Requests, q => q.Action == "RenewInstances");
            Assert.True(Emulator.Requests.Count(q => q.Action == "DescribeInstances") >= 2, "one read before, at least one after");
        }

        [Fact]
        public void A_renewal_the_cloud_reports_FAILED_is_Failed_with_the_clouds_message()
        {
            Emulator.Scenario.AsyncCompletionMs = 500;
            Emulator.Scenario.AsyncFailureRate = 1.0;
            var r = Renew("'ins-veri0003'", "-ErrorAction SilentlyContinue");

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Failed, result.Status);
            Assert.Equal("RenewalOperationFailed", result.ErrorCode);
            Assert.Contains("reports that the renewal failed", result.Message, StringComparison.Ordinal);
            Assert.Equal(0, Emulator.RenewalCount("ins-veri0003"));
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal", "ins-veri0004", "Get-CvmInstance")]
        [InlineData("Invoke-MongoDbRenewal", "cmgo-veri0001", "Get-MongoDbInstance")]
        public void A_renewal_not_confirmed_in_time_stays_Submitted_with_a_warning_naming_the_read_command(string cmdlet, string id, string readCommand)
        {
            Emulator.Scenario.AsyncCompletionMs = 20000;
            var r = Renew("'" + id + "'", "-WaitTimeoutSec 2", cmdlet);

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Submitted, result.Status);
            Assert.Null(result.NewExpiry);
            var warning = Assert.Single(r.Warnings, w => w.Message.Contains("not moved within 2 s", StringComparison.Ordinal));
            // Spelled as Get-Command spells it (the service is "MongoDB", the command Get-MongoDbInstance).
            Assert.EndsWith("Check them later with " + readCommand + ".", warning.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void The_pre_read_refuses_unknown_postpaid_and_busy_instances_before_any_money_is_spent()
        {
            var r = Renew("'ins-verpost1', 'ins-nothere1', 'ins-verbusy1', 'ins-veri0005'", "-ErrorAction SilentlyContinue");

            Assert.Equal(4, r.Results.Count);
            Assert.Equal(("NotPrepaid", RenewalStatus.Failed), r.Results.Where(x => x.InstanceId == "ins-verpost1").Select(x => (x.ErrorCode, x.Status)).Single());
            Assert.Equal(("InstanceNotFound", RenewalStatus.Failed), r.Results.Where(x => x.InstanceId == "ins-nothere1").Select(x => (x.ErrorCode, x.Status)).Single());
            Assert.Equal(("RenewalInProgress", RenewalStatus.Skipped), r.Results.Where(x => x.InstanceId == "ins-verbusy1").Select(x => (x.ErrorCode, x.Status)).Single());
            Assert.Equal(RenewalStatus.Renewed, r.Results.Single(x => x.InstanceId == "ins-veri0005").Status);
            var renewed = Emulator.Requests.Where(q => q.Action == "RenewInstances").SelectMany(q => q.InstanceIds).ToList();
            Assert.Equal(new[] { "ins-veri0005" }, renewed);
        }

        [Fact]
        public void The_guard_skips_what_is_not_due()
        {
            var r = Renew("'ins-verlate1', 'ins-veri0006'", "-OnlyIfExpiringWithinDays 30");

            var skipped = r.Results.Single(x => x.InstanceId == "ins-verlate1");
            Assert.Equal((RenewalStatus.Skipped, "NotDue"), (skipped.Status, skipped.ErrorCode));
            Assert.Contains("Not due: expires in 58 days", skipped.Message, StringComparison.Ordinal);
            Assert.Equal(RenewalStatus.Renewed, r.Results.Single(x => x.InstanceId == "ins-veri0006").Status);
            Assert.Equal(0, Emulator.RenewalCount("ins-verlate1"));
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal", "ins-veri0007", "RenewInstances")]
        [InlineData("Invoke-MongoDbRenewal", "cmgo-veri0001", "RenewDBInstances")]
        public void An_answer_lost_after_execution_is_settled_as_Renewed_without_a_resend(string cmdlet, string id, string action)
        {
            Emulator.Enqueue(new FaultRule { Action = action, InstanceId = id, Kind = FaultKind.ErrorAfterExecution });
            var r = Renew("'" + id + "'", "-WaitTimeoutSec 5", cmdlet);

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Renewed, result.Status);
            Assert.Equal(1, result.Attempts);
            Assert.Contains("cloud's state shows the renewal", result.Message, StringComparison.Ordinal);
            Assert.Equal(Expiry.AddMonths(1), result.NewExpiry);
            Assert.Equal(1, Emulator.RenewalCount(id));
            Assert.Single(Emulator.Requests, q => q.Action == action);
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal", "ins-veri0008", "RenewInstances")]
        [InlineData("Invoke-MongoDbRenewal", "cmgo-veri0002", "RenewDBInstances")]
        public void A_5xx_that_did_not_execute_is_proven_unchanged_and_sent_again(string cmdlet, string id, string action)
        {
            Emulator.Enqueue(new FaultRule { Action = action, InstanceId = id, Kind = FaultKind.ErrorBeforeExecution });
            var r = Renew("'" + id + "'", "-WaitTimeoutSec 2 -Verbose", cmdlet);

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Renewed, result.Status);
            Assert.Equal(2, result.Attempts);
            Assert.Equal(1, Emulator.RenewalCount(id));
            Assert.Equal(2, Emulator.Requests.Count(q => q.Action == action));
            Assert.Contains(r.Verbose, v => v.Message.Contains("it did not execute; sending again", StringComparison.Ordinal));
        }

        [Fact]
        public void A_CVM_operation_still_running_is_not_resent_and_is_Submitted_naming_it()
        {
            // The renewal executed (async, slower than the wait) but its answer was lost: OPERATING is not "did not execute".
            Emulator.Scenario.AsyncCompletionMs = 30000;
            Emulator.Enqueue(new FaultRule { Action = "RenewInstances", InstanceId = "ins-veri0009", Kind = FaultKind.DropAfterExecution });
            var r = Renew("'ins-veri0009'", "-WaitTimeoutSec 2 -ErrorAction SilentlyContinue");

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Submitted, result.Status);
            Assert.Contains("records the operation RenewInstances", result.Message, StringComparison.Ordinal);
            Assert.Contains("not sent again", result.Message, StringComparison.Ordinal);
            Assert.Single(Emulator.Requests, q => q.Action == "RenewInstances");
        }

        [Fact]
        public void ECS_results_carry_the_expiry_read_back()
        {
            var r = Renew("'i-bpveri00000000000001'", "", "Invoke-EcsRenewal");

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Renewed, result.Status);
            Assert.Equal(Expiry, result.PreviousExpiry);
            Assert.Equal(Expiry.AddMonths(1), result.NewExpiry);
        }

        [Fact]
        public void NoWait_with_an_explicit_flag_sends_without_reading_the_cloud()
        {
            var r = Renew("'ins-veri0010'", "-NoWait -RenewFlag NOTIFY_AND_AUTO_RENEW");

            Assert.Equal(RenewalStatus.Submitted, Assert.Single(r.Results).Status);
            Assert.DoesNotContain(Emulator.Requests, q => q.Action == "DescribeInstances");
        }

        [Fact]
        public void Two_overlapping_runs_do_not_both_renew_an_instance()
        {
            // The first run's renewal is still completing when the second run reads the instance: it sees the operation.
            Emulator.Scenario.AsyncCompletionMs = 4000;
            var first = Renew("'ins-veri0011'", "-NoWait");
            var second = Renew("'ins-veri0011'", "-WaitTimeoutSec 2");

            Assert.Equal(RenewalStatus.Submitted, Assert.Single(first.Results).Status);
            Assert.Equal((RenewalStatus.Skipped, "RenewalInProgress"), second.Results.Select(x => (x.Status, x.ErrorCode)).Single());
            Assert.Single(Emulator.Requests, q => q.Action == "RenewInstances");
            _output.WriteLine(second.Results[0].Message);
        }
    

        [Fact]
        public void A_second_run_for_the_same_account_and_product_on_this_machine_sends_nothing()
        {
            // A run in another process holds the lock (taken here as that process would).
            using (RenewalTools.Engine.RunLock.Take("CVM", Clouds.TencentId, Emulator.BaseUri))
            {
                var r = Renew("'ins-veri0012'");

                var record = (r.Terminating as System.Management.Automation.IContainsErrorRecord)?.ErrorRecord ?? Assert.Single(r.Errors);
                Assert.StartsWith("RunInProgress", record.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.DoesNotContain(Clouds.TencentId, record.Exception.Message, StringComparison.Ordinal);
                Assert.Empty(Emulator.Requests);
            }

            // Once it is done, the next run goes ahead.
            Assert.Equal(RenewalStatus.Renewed, Assert.Single(Renew("'ins-veri0012'").Results).Status);
        }
    }
}
