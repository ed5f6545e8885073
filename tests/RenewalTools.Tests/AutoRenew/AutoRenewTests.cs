using System;
using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.AutoRenew
{
    /// <summary>Set-CvmAutoRenew, Set-MongoDbAutoRenew, Set-EcsAutoRenew against the emulator: read first, send, read back.</summary>
    public class AutoRenewTests : EmulatorTest
    {
        private static readonly string[] Cvm = Clouds.CvmIds(6, "p");
        private static readonly string[] Mongo = Clouds.MongoIds(6, "p");
        private static readonly string[] Ecs = Clouds.EcsIds(6, "p");

        protected override Scenario CreateScenario()
        {
            var instances = new List<EmulatedInstance>();
            string?[] flags = { "NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW", "NOTIFY_AND_MANUAL_RENEW", "NOTIFY_AND_MANUAL_RENEW", "NOTIFY_AND_MANUAL_RENEW" };
            for (var i = 0; i < 6; i++)
            {
                instances.Add(With(Clouds.Cvm(Cvm[i]), flags[i]));
                instances.Add(With(Clouds.Mongo(Mongo[i]), flags[i]));
                instances.Add(With(Clouds.Ecs(Ecs[i]), flags[i]));
            }
            instances.Add(Clouds.Instance("ins-postpaid", "cvm", "ap-guangzhou", "POSTPAID_BY_HOUR"));
            instances.Add(Clouds.Instance("cmgo-postpaid", "mongodb", "ap-guangzhou", "POSTPAID"));
            instances.Add(Clouds.Instance("i-bppostpaid000000001", "ecs", "cn-hangzhou", "PostPaid"));
            var scenario = Clouds.Scenario(instances);
            scenario.PolicyCompletionMs = 300;
            return scenario;
        }

        private static EmulatedInstance With(EmulatedInstance instance, string? flag)
        {
            instance.RenewFlag = flag;
            return instance;
        }

        public static IEnumerable<object[]> Products() => new[]
        {
            new object[] { "Set-CvmAutoRenew", "ap-guangzhou", "$tc", "ModifyInstancesRenewFlag" },
            new object[] { "Set-MongoDbAutoRenew", "ap-guangzhou", "$tc", "SetAutoRenew" },
            new object[] { "Set-EcsAutoRenew", "cn-hangzhou", "$ali", "ModifyInstanceAutoRenewAttribute" },
        };

        private string[] IdsOf(string command) => command.Contains("Cvm", StringComparison.Ordinal) ? Cvm : command.Contains("Mongo", StringComparison.Ordinal) ? Mongo : Ecs;

        private List<RecordedRequest> Writes(string action) => Emulator.Requests.Where(r => r.Action == action && r.Executed).ToList();

        [Theory]
        [MemberData(nameof(Products))]
        public void Sets_the_policy_reads_it_back_and_leaves_instances_already_there_unchanged(string command, string region, string credential, string action)
        {
            var ids = IdsOf(command);
            var r = Run("'" + string.Join("','", ids) + "' | " + command + " -Region " + region + " -Policy AutoRenew -Credential " + credential + " -Endpoint $endpoint -Force");

            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            Assert.Equal(ids.OrderBy(x => x), r.PolicyResults.Select(x => x.InstanceId).OrderBy(x => x));
            var unchanged = Assert.Single(r.PolicyResults, x => x.Status == AutoRenewStatus.Unchanged);
            Assert.Equal(ids[0], unchanged.InstanceId);
            Assert.All(r.PolicyResults.Where(x => x.InstanceId != ids[0]), x =>
            {
                Assert.Equal(AutoRenewStatus.Changed, x.Status);
                Assert.Equal(AutoRenewPolicy.AutoRenew, x.CurrentPolicy);
                Assert.NotNull(x.RequestId);
            });
            Assert.Equal(AutoRenewPolicy.NoRenewal, r.PolicyResults.Single(x => x.InstanceId == ids[2]).PreviousPolicy);
            Assert.All(ids, id => Assert.Equal(AutoRenewMode.Auto, Emulator.PolicyOf(id)!.Mode));
            // One request for the five that differ; the one already there is not sent.
            var write = Assert.Single(Writes(action));
            Assert.DoesNotContain(ids[0], write.InstanceIds);
            Assert.Equal(0, Emulator.RenewalCount(ids[1]));

            // The rerun sends no write at all.
            Emulator.ClearRequests();
            var again = Run("'" + string.Join("','", ids) + "' | " + command + " -Region " + region + " -Policy AutoRenew -Credential " + credential + " -Endpoint $endpoint -Force");
            Assert.All(again.PolicyResults, x => Assert.Equal(AutoRenewStatus.Unchanged, x.Status));
            Assert.Empty(Writes(action));
        }

        [Theory]
        [MemberData(nameof(Products))]
        public void Postpaid_and_unknown_instances_are_refused_per_row_before_any_write(string command, string region, string credential, string action)
        {
            var ids = IdsOf(command);
            var postpaid = command.Contains("Cvm", StringComparison.Ordinal) ? "ins-postpaid" : command.Contains("Mongo", StringComparison.Ordinal) ? "cmgo-postpaid" : "i-bppostpaid000000001";
            var missing = command.Contains("Cvm", StringComparison.Ordinal) ? "ins-nothere1" : command.Contains("Mongo", StringComparison.Ordinal) ? "cmgo-nothere1" : "i-bpnothere000000001";
            var r = Run("'" + ids[1] + "','" + postpaid + "','" + missing + "' | " + command + " -Region " + region + " -Policy Manual -Credential " + credential + " -Endpoint $endpoint -Force");

            Assert.Equal(3, r.PolicyResults.Count);
            Assert.Equal(AutoRenewStatus.Unchanged, r.PolicyResults.Single(x => x.InstanceId == ids[1]).Status);
            Assert.Equal("NotPrepaid", r.PolicyResults.Single(x => x.InstanceId == postpaid).ErrorCode);
            Assert.Equal("InstanceNotFound", r.PolicyResults.Single(x => x.InstanceId == missing).ErrorCode);
            Assert.Equal(2, r.Errors.Count);
            Assert.Empty(Writes(action));
        }

        /// <summary>An ID the describe refuses as malformed (a legacy qcvm… ID) is reported with the cloud's code, not as "not found".</summary>
        [Fact]
        public void An_ID_the_cloud_refuses_when_read_is_reported_with_its_code_for_policy_changes_and_renewals()
        {
            const string legacy = "qcvm8e7bf56c115c53ce2d2a1ac2ea6e657a";
            var policy = Run("'" + legacy + "','" + Cvm[1] + "' | Set-CvmAutoRenew -Region ap-guangzhou -Policy AutoRenew -Credential $tc -Endpoint $endpoint -Force -WarningAction SilentlyContinue");
            Assert.Equal("InvalidInstanceId.Malformed", policy.PolicyResults.Single(x => x.InstanceId == legacy).ErrorCode);
            Assert.Equal(AutoRenewStatus.Changed, policy.PolicyResults.Single(x => x.InstanceId == Cvm[1]).Status);

            var renewal = Run("'" + legacy + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -NoWait:$false -Credential $tc -Endpoint $endpoint -Force -WarningAction SilentlyContinue");
            Assert.Equal("InvalidInstanceId.Malformed", Assert.Single(renewal.Results).ErrorCode);
            Assert.DoesNotContain(Emulator.Requests, q => q.Action == "RenewInstances" || q.InstanceIds.Contains(legacy) && q.Action == "ModifyInstancesRenewFlag");
        }

        [Fact]
        public void Csv_rows_carry_each_clouds_own_spelling_and_conflicts_with_the_command_line_are_refused()
        {
            var rows = Csv.Rows("InstanceId,Region,Policy\n" + Cvm[1] + ",ap-guangzhou,NOTIFY_AND_AUTO_RENEW\n" + Cvm[2] + ",ap-guangzhou,manual\n" + Cvm[3] + ",ap-guangzhou,Sometimes\n");
            var r = Run("$rows | Set-CvmAutoRenew -Credential $tc -Endpoint $endpoint -Force", new Dictionary<string, object?> { ["rows"] = rows });

            Assert.Equal(AutoRenewStatus.Changed, r.PolicyResults.Single(x => x.InstanceId == Cvm[1]).Status);
            Assert.Equal(AutoRenewStatus.Changed, r.PolicyResults.Single(x => x.InstanceId == Cvm[2]).Status);
            var bad = r.PolicyResults.Single(x => x.InstanceId == Cvm[3]);
            Assert.Equal(AutoRenewStatus.Failed, bad.Status);
            Assert.Equal("InvalidInput", bad.ErrorCode);
            Assert.Equal(AutoRenewMode.Auto, Emulator.PolicyOf(Cvm[1])!.Mode);
            Assert.Equal(AutoRenewMode.Manual, Emulator.PolicyOf(Cvm[2])!.Mode);

            var conflict = Run("$rows | Set-CvmAutoRenew -Policy NoRenewal -Credential $tc -Endpoint $endpoint -Force", new Dictionary<string, object?> { ["rows"] = Csv.Rows("InstanceId,Region,Policy\n" + Cvm[4] + ",ap-guangzhou,AutoRenew\n") });
            Assert.Equal("InputConflict", Assert.Single(conflict.PolicyResults).ErrorCode);
        }

        [Fact]
        public void MongoDb_accepts_its_numeric_flags_and_ECS_its_renewal_status_with_a_period()
        {
            var mongo = Run("$rows | Set-MongoDbAutoRenew -Credential $tc -Endpoint $endpoint -Force", new Dictionary<string, object?> { ["rows"] = Csv.Rows("InstanceId,Region,Policy\n" + Mongo[3] + ",ap-guangzhou,2\n") });
            Assert.Equal(AutoRenewStatus.Changed, Assert.Single(mongo.PolicyResults).Status);
            Assert.Equal(AutoRenewMode.NotRenewed, Emulator.PolicyOf(Mongo[3])!.Mode);
            var request = Assert.Single(Writes("SetAutoRenew"));
            Assert.Equal("2018-04-08", request.Headers.First(h => string.Equals(h.Key, "X-TC-Version", StringComparison.OrdinalIgnoreCase)).Value);

            var ecs = Run("'" + Ecs[3] + "' | Set-EcsAutoRenew -Region cn-hangzhou -Policy AutoRenewal -Duration 3 -PeriodUnit Month -Credential $ali -Endpoint $endpoint -Force");
            var result = Assert.Single(ecs.PolicyResults);
            Assert.Equal(AutoRenewStatus.Changed, result.Status);
            Assert.Equal(3, result.Duration);
            var policy = Emulator.PolicyOf(Ecs[3])!;
            Assert.Equal(AutoRenewMode.Auto, policy.Mode);
            Assert.Equal(3, policy.Duration);

            var refused = Run("'" + Ecs[4] + "' | Set-EcsAutoRenew -Region cn-hangzhou -Policy AutoRenew -Duration 7 -Credential $ali -Endpoint $endpoint -Force");
            Assert.Equal("InvalidInput", Assert.Single(refused.PolicyResults).ErrorCode);
        }

        [Fact]
        public void Discovery_shows_the_policy_in_the_spelling_Set_takes_so_an_audit_and_a_fix_are_one_pipeline()
        {
            var r = Run("Get-EcsInstance -Region cn-hangzhou -Credential $ali -Endpoint $endpoint | Where-Object { $_.ChargeType -eq 'Prepaid' -and $_.AutoRenew -ne 'AutoRenew' } | Set-EcsAutoRenew -Policy AutoRenew -Credential $ali -Endpoint $endpoint -Force");
            Assert.Null(r.Terminating);
            Assert.Equal(5, r.PolicyResults.Count);
            Assert.All(r.PolicyResults, x => Assert.Equal(AutoRenewStatus.Changed, x.Status));
            Assert.All(Ecs, id => Assert.Equal(AutoRenewMode.Auto, Emulator.PolicyOf(id)!.Mode));

            var cvm = Run("Get-CvmInstance -Region ap-guangzhou -Credential $tc -Endpoint $endpoint");
            var instance = cvm.Output.Select(o => o.BaseObject).OfType<CloudInstance>().Single(i => i.InstanceId == Cvm[2]);
            Assert.Equal(AutoRenewPolicy.NoRenewal, instance.AutoRenew);
        }

        /// <summary>
        /// A lost answer is resent (harmless), but CVM refuses the resend while the first change still runs: the refusal is
        /// settled from the policy read back (Changed), not split and reported Failed.
        /// </summary>
        [Fact]
        public void A_lost_CVM_answer_whose_resend_is_refused_while_the_change_runs_ends_Changed()
        {
            Emulator.Scenario.PolicyCompletionMs = 3000;
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, Action = "ModifyInstancesRenewFlag" });
            var ids = new[] { Cvm[1], Cvm[3], Cvm[4], Cvm[5] };
            var r = Run("'" + string.Join("','", ids) + "' | Set-CvmAutoRenew -Region ap-guangzhou -Policy AutoRenew -Credential $tc -Endpoint $endpoint -Force");

            Assert.Empty(r.Errors);
            Assert.Equal(4, r.PolicyResults.Count);
            Assert.All(r.PolicyResults, x => Assert.Equal(AutoRenewStatus.Changed, x.Status));
            Assert.All(ids, id => Assert.Equal(AutoRenewMode.Auto, Emulator.PolicyOf(id)!.Mode));
            Assert.Contains(Emulator.Requests, q => q.Action == "ModifyInstancesRenewFlag" && q.Outcome == "OperationDenied.InstanceOperationInProgress");
        }

        /// <summary>
        /// A policy change and a renewal of the same account and product share one run lock: a renewal keeping an instance's
        /// flag must not race a change of it.
        /// </summary>
        [Fact]
        public void A_policy_change_waits_its_turn_behind_a_renewal_run_of_the_same_account_and_product()
        {
            using (RenewalTools.Engine.RunLock.Take("CVM", Clouds.TencentId, Emulator.BaseUri))
            {
                var r = Run("'" + Cvm[1] + "' | Set-CvmAutoRenew -Region ap-guangzhou -Policy AutoRenew -Credential $tc -Endpoint $endpoint -Force");

                var record = (r.Terminating as System.Management.Automation.IContainsErrorRecord)?.ErrorRecord ?? Assert.Single(r.Errors);
                Assert.StartsWith("RunInProgress", record.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Empty(Emulator.Requests);
            }

            Assert.Equal(AutoRenewStatus.Changed, Assert.Single(Run("'" + Cvm[1] + "' | Set-CvmAutoRenew -Region ap-guangzhou -Policy AutoRenew -Credential $tc -Endpoint $endpoint -Force").PolicyResults).Status);
        }

        [Fact]
        public void WhatIf_sends_nothing_and_turning_auto_renewal_off_says_the_instance_can_expire()
        {
            var r = Run("'" + Cvm[0] + "' | Set-CvmAutoRenew -Region ap-guangzhou -Policy Manual -Endpoint $endpoint -WhatIf");
            Assert.Empty(r.PolicyResults);
            Assert.Empty(Emulator.Requests);
            Assert.Contains(r.HostLines, l => l.Contains("expires at the end of its term", StringComparison.Ordinal));
        }

        [Fact]
        public void An_explicit_Confirm_beats_Force_and_No_sends_nothing_for_that_instance()
        {
            PS.Host.Answers.Enqueue(PromptAnswer.No);
            PS.Host.Answers.Enqueue(PromptAnswer.Yes);
            var r = Run("'" + Cvm[1] + "','" + Cvm[3] + "' | Set-CvmAutoRenew -Region ap-guangzhou -Policy NoRenewal -Credential $tc -Endpoint $endpoint -Force -Confirm:$true");

            Assert.Equal(2, r.Prompts.Count);
            Assert.Contains("expires at the end of its term", r.Prompts[0], StringComparison.Ordinal);
            Assert.Equal(Cvm[3], Assert.Single(r.PolicyResults).InstanceId);
            Assert.Equal(AutoRenewMode.Manual, Emulator.PolicyOf(Cvm[1])!.Mode);
            Assert.Equal(AutoRenewMode.NotRenewed, Emulator.PolicyOf(Cvm[3])!.Mode);
        }
    }
}
