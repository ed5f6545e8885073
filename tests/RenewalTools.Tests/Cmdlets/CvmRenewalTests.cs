using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    public class CvmRenewalTests : EmulatorTest
    {
        private static readonly string[] Ids = Clouds.CvmIds(260);

        protected override Scenario CreateScenario()
        {
            var instances = Ids.Select(id => Clouds.Cvm(id)).ToList();
            instances.Add(Clouds.Instance("ins-postpaid", "cvm", "ap-guangzhou", "POSTPAID_BY_HOUR"));
            return Clouds.Scenario(instances);
        }

        private const string Renew = " | Invoke-CvmRenewal -Credential $tc -Endpoint $endpoint -Force";

        [Theory]
        [InlineData("InstanceId")]
        [InlineData("instanceId")]
        [InlineData("Id")]
        [InlineData("InstanceIds")]
        public void Csv_rows_with_any_id_column_spelling_give_one_result_each(string column)
        {
            var rows = Csv.Rows(column + ",Region,Period\n" + Ids[0] + ",ap-guangzhou,1\n" + Ids[1] + ",ap-guangzhou,3\n" + Ids[2] + ",ap-guangzhou,12\n");
            var r = Run("$rows" + Renew, new Dictionary<string, object?> { ["rows"] = rows });

            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            Assert.Equal(new[] { Ids[0], Ids[1], Ids[2] }, r.Results.Select(x => x.InstanceId).OrderBy(x => x).ToArray());
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Submitted, x.Status));
            Assert.All(r.Results, x => Assert.False(string.IsNullOrEmpty(x.RequestId)));
            Assert.Equal(3, r.Results.Select(x => x.Period).Distinct().Count());
            Assert.Equal(1, Emulator.RenewalCount(Ids[0]));
            // Three periods -> three batches.
            Assert.Equal(3, RenewalRequests("RenewInstances").Count);
        }

        [Fact]
        public void WhatIf_sends_nothing_and_needs_no_credentials()
        {
            var r = Run("'" + Ids[0] + "','" + Ids[1] + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Endpoint $endpoint -WhatIf");
            Assert.Null(r.Terminating);
            Assert.Empty(r.Results);
            Assert.Empty(Emulator.Requests);
            Assert.Equal(2, r.HostLines.Count(l => l.Contains("What if", System.StringComparison.Ordinal)));
        }

        [Fact]
        public void WhatIf_wins_over_Force()
        {
            var r = Run("'" + Ids[0] + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -WhatIf");
            Assert.Empty(r.Results);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void Confirm_answered_No_sends_nothing_for_that_instance()
        {
            PS.Host.Answers.Enqueue(PromptAnswer.Yes);
            PS.Host.Answers.Enqueue(PromptAnswer.No);
            PS.Host.Answers.Enqueue(PromptAnswer.Yes);
            var r = Run("'" + Ids[0] + "','" + Ids[1] + "','" + Ids[2] + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint");

            Assert.Equal(3, r.Prompts.Count);
            Assert.Equal(new[] { Ids[0], Ids[2] }, r.Results.Select(x => x.InstanceId).OrderBy(x => x).ToArray());
            Assert.Equal(0, Emulator.RenewalCount(Ids[1]));
            Assert.Equal(1, Emulator.RenewalCount(Ids[2]));
            Assert.Contains(Ids[0], r.Prompts[0], System.StringComparison.Ordinal);
            Assert.Contains("charges the account", r.Prompts[0], System.StringComparison.Ordinal);
        }

        [Fact]
        public void Yes_to_All_stops_prompting()
        {
            PS.Host.Answers.Enqueue(PromptAnswer.YesToAll);
            var r = Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint", new Dictionary<string, object?> { ["ids"] = Ids.Take(5).ToArray() });
            Assert.Single(r.Prompts);
            Assert.Equal(5, r.Results.Count);
        }

        [Fact]
        public void No_to_All_sends_nothing()
        {
            PS.Host.Answers.Enqueue(PromptAnswer.NoToAll);
            var r = Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint", new Dictionary<string, object?> { ["ids"] = Ids.Take(5).ToArray() });
            Assert.Single(r.Prompts);
            Assert.Empty(r.Results);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void Force_with_explicit_Confirm_still_prompts()
        {
            PS.Host.Answers.Enqueue(PromptAnswer.No);
            var r = Run("'" + Ids[0] + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -Confirm");
            Assert.Single(r.Prompts);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void Confirm_false_does_not_prompt()
        {
            var r = Run("'" + Ids[0] + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Confirm:$false");
            Assert.Empty(r.Prompts);
            Assert.Single(r.Results);
        }

        [Fact]
        public void Two_hundred_fifty_instances_take_three_calls()
        {
            var r = Run("$ids" + Renew + " -Region ap-guangzhou -Period 1", new Dictionary<string, object?> { ["ids"] = Ids.Take(250).ToArray() });
            Assert.Empty(r.Errors);
            Assert.Equal(250, r.Results.Count);
            var calls = RenewalRequests("RenewInstances");
            Assert.Equal(3, calls.Count);
            Assert.Equal(new[] { 50, 100, 100 }, calls.Select(c => c.InstanceIds.Count).OrderBy(n => n).ToArray());
            Assert.All(Ids.Take(250), id => Assert.Equal(1, Emulator.RenewalCount(id)));
        }

        [Fact]
        public void A_malformed_id_in_a_batch_of_100_fails_alone_and_the_other_99_are_submitted()
        {
            var ids = Ids.Take(99).Append("ins-1122").ToArray();
            var r = Run("$ids" + Renew + " -Region ap-guangzhou -Period 1", new Dictionary<string, object?> { ["ids"] = ids });

            Assert.Equal(100, r.Results.Count);
            var bad = Assert.Single(r.Results, x => x.Status == RenewalStatus.Failed);
            Assert.Equal("ins-1122", bad.InstanceId);
            Assert.Equal("InvalidInstanceId.Malformed", bad.ErrorCode);
            Assert.Equal(99, r.Results.Count(x => x.Status == RenewalStatus.Submitted));
            Assert.All(Ids.Take(99), id => Assert.Equal(1, Emulator.RenewalCount(id)));
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("InvalidInstanceId.Malformed,", error.FullyQualifiedErrorId, System.StringComparison.Ordinal);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Same(bad, error.TargetObject);
        }

        [Fact]
        public void A_postpaid_instance_fails_with_its_code_and_the_rest_are_submitted()
        {
            var r = Run("$ids" + Renew + " -Region ap-guangzhou -Period 1", new Dictionary<string, object?> { ["ids"] = new[] { Ids[0], "ins-postpaid", Ids[1] } });
            var bad = Assert.Single(r.Results, x => x.Status == RenewalStatus.Failed);
            Assert.Equal("UnsupportedOperation.InstanceChargeType", bad.ErrorCode);
            Assert.Equal(2, r.Results.Count(x => x.Status == RenewalStatus.Submitted));
        }

        [Fact]
        public void Error_after_execution_is_Unknown_and_never_resent()
        {
            Emulator.Enqueue(new FaultRule { Action = "RenewInstances", Kind = FaultKind.ErrorAfterExecution });
            var r = Run("$ids" + Renew + " -Region ap-guangzhou -Period 1", new Dictionary<string, object?> { ["ids"] = Ids.Take(3).ToArray() });

            Assert.Equal(3, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Unknown, x.Status));
            Assert.All(r.Results, x => Assert.Equal(1, x.Attempts));
            Assert.Single(RenewalRequests("RenewInstances"));
            Assert.All(Ids.Take(3), id => Assert.Equal(1, Emulator.RenewalCount(id)));
            Assert.Equal(3, r.Errors.Count);
        }

        [Fact]
        public void Dropped_connection_after_execution_is_Unknown_and_never_resent()
        {
            Emulator.Enqueue(new FaultRule { Action = "RenewInstances", Kind = FaultKind.DropAfterExecution });
            var r = Run("'" + Ids[0] + "'" + Renew + " -Region ap-guangzhou -Period 1");
            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Unknown, result.Status);
            Assert.Equal("Transport.ConnectionDropped", result.ErrorCode);
            Assert.Single(RenewalRequests("RenewInstances"));
        }

        [Fact]
        public void Slow_answer_past_the_timeout_is_Unknown()
        {
            Emulator.Enqueue(new FaultRule { Action = "RenewInstances", Kind = FaultKind.SlowAfterExecution, DelayMs = 3000 });
            var r = Run("'" + Ids[0] + "'" + Renew + " -Region ap-guangzhou -Period 1 -TimeoutSec 1");
            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Unknown, result.Status);
            Assert.Equal("Transport.Timeout", result.ErrorCode);
            Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, Assert.Single(r.Errors).CategoryInfo.Category);
        }

        [Fact]
        public void Under_throttling_everything_is_renewed_exactly_once()
        {
            Emulator.Scenario.Faults.ThrottleRate = 0.4;
            var r = Run("$ids" + Renew + " -Region ap-guangzhou -Period 1 -ThrottleLimit 4", new Dictionary<string, object?> { ["ids"] = Ids.Take(250).ToArray() });
            Emulator.Scenario.Faults.ThrottleRate = 0;

            Assert.Equal(250, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Submitted, x.Status));
            Assert.All(Ids.Take(250), id => Assert.Equal(1, Emulator.RenewalCount(id)));
            Assert.Contains(Emulator.Requests, q => q.Outcome == "RequestLimitExceeded");
        }

        [Fact]
        public void Without_credentials_one_clear_terminating_error_and_no_request()
        {
            var r = Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Endpoint $endpoint -Force -ProfileName no-such-profile-for-tests", new Dictionary<string, object?> { ["ids"] = Ids.Take(3).ToArray() });
            // A cmdlet's terminating error ends the statement; the script host records it on the error stream.
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("CredentialsNotFound,", error.FullyQualifiedErrorId, System.StringComparison.Ordinal);
            Assert.Contains("No Tencent credentials found", error.Exception.Message, System.StringComparison.Ordinal);
            Assert.Empty(r.Results);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void The_same_instance_twice_is_renewed_once()
        {
            var r = Run("$ids" + Renew + " -Region ap-guangzhou -Period 1", new Dictionary<string, object?> { ["ids"] = new[] { Ids[0], Ids[1], Ids[0] } });
            Assert.Equal(3, r.Results.Count);
            Assert.Equal(1, Emulator.RenewalCount(Ids[0]));
            var dup = Assert.Single(r.Results, x => x.Status == RenewalStatus.Skipped);
            Assert.Equal("DuplicateInput", dup.ErrorCode);
        }

        [Fact]
        public void Bad_period_fails_before_any_request()
        {
            var r = Run("'" + Ids[0] + "'" + Renew + " -Region ap-guangzhou -Period 13");
            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Failed, result.Status);
            Assert.Equal("InvalidInput", result.ErrorCode);
            Assert.Contains("allowed months: 1, 2", result.Message, System.StringComparison.Ordinal);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void Verbose_shows_each_call_and_the_credential_source_but_no_secret()
        {
            // -Debug makes warnings and errors Inquire (PowerShell's rule); say Continue as a runbook would.
            var r = Run("$ids" + Renew + " -Region ap-guangzhou -Period 1 -Verbose -Debug -WarningAction Continue -ErrorAction Continue", new Dictionary<string, object?> { ["ids"] = Ids.Take(3).Append("ins-1122").ToArray() });
            Assert.Contains(r.Verbose, v => v.Message.Contains("RenewInstances ap-guangzhou: 4 instance(s), attempt 1", System.StringComparison.Ordinal));
            Assert.Contains(r.Verbose, v => v.Message.Contains("RequestId", System.StringComparison.Ordinal));
            Assert.Contains(r.Verbose, v => v.Message.Contains("from -Credential", System.StringComparison.Ordinal));
            Assert.DoesNotContain(Clouds.TencentKey, r.AllText(), System.StringComparison.Ordinal);
            Assert.DoesNotContain(Clouds.TencentId, r.AllText(), System.StringComparison.Ordinal);
        }

        [Fact]
        public void ErrorAction_Stop_ends_the_pipeline_after_the_first_failure_without_losing_sent_requests()
        {
            var r = Run("$ids" + Renew + " -Region ap-guangzhou -Period 1 -ErrorAction Stop", new Dictionary<string, object?> { ["ids"] = new[] { "ins-postpaid" }.Concat(Ids.Take(3)).ToArray() });
            Assert.NotNull(r.Terminating);
            // Whatever was sent was answered and counted once; nothing was sent twice.
            Assert.All(Emulator.Requests.SelectMany(q => q.Executed ? q.InstanceIds : new List<string>()).GroupBy(x => x), g => Assert.Single(g));
        }
    }
}
