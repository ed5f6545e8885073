using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CloudEmulator;
using RenewalTools.Engine;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Journal
{
    public sealed class JournalTests : EmulatorTest
    {
        private static readonly string[] Cvm = Clouds.CvmIds(150);
        private static readonly string[] Ecs = Clouds.EcsIds(5);
        private string JournalFile => Path.Combine(TempDirectory, "renewals.jsonl");

        protected override Scenario CreateScenario() => Clouds.Scenario(Cvm.Select(id => Clouds.Cvm(id)).Concat(Ecs.Select(id => Clouds.Ecs(id))));

        private RunResult RenewCvm(IEnumerable<string> ids, string extra = "") =>
            Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -JournalPath $journal " + extra,
                new Dictionary<string, object?> { ["ids"] = ids.ToArray(), ["journal"] = JournalFile });

        [Fact]
        public void A_rerun_with_the_same_journal_sends_nothing_for_instances_already_done()
        {
            var first = RenewCvm(Cvm.Take(120));
            Assert.Equal(120, first.Results.Count(r => r.Status == RenewalStatus.Submitted));
            Emulator.ClearRequests();

            var rerun = RenewCvm(Cvm.Take(150));

            Assert.Equal(150, rerun.Results.Count);
            Assert.Equal(120, rerun.Results.Count(r => r.Status == RenewalStatus.Skipped));
            Assert.Equal(30, rerun.Results.Count(r => r.Status == RenewalStatus.Submitted));
            var sent = Emulator.Requests.Where(q => q.Action == "RenewInstances").SelectMany(q => q.InstanceIds).ToList();
            Assert.Equal(Cvm.Skip(120).OrderBy(x => x), sent.OrderBy(x => x));
            Assert.All(Cvm, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            var skipped = rerun.Results.First(r => r.Status == RenewalStatus.Skipped);
            Assert.Equal(first.Results.Single(r => r.InstanceId == skipped.InstanceId).RequestId, skipped.RequestId);
        }

        [Fact]
        public void Every_line_is_json_and_intents_precede_outcomes()
        {
            RenewCvm(Cvm.Take(3).Append("ins-1122"));
            var lines = File.ReadAllLines(JournalFile);
            var types = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
            Assert.Equal("run", types[0]);
            Assert.True(types.IndexOf("intent") < types.IndexOf("outcome"));
            Assert.Equal(4, types.Count(t => t == "outcome"));
            Assert.DoesNotContain(Clouds.TencentKey, File.ReadAllText(JournalFile), StringComparison.Ordinal);
            Assert.False(File.Exists(JournalFile + ".lock"));
        }

        [Fact]
        public void A_torn_last_line_is_ignored()
        {
            RenewCvm(Cvm.Take(2));
            File.AppendAllText(JournalFile, "{\"at\":\"2026-11-23T00:00:00Z\",\"type\":\"outcome\",\"service\":\"CVM\",\"instanceId\":\"" + Cvm[5]);
            var rerun = RenewCvm(Cvm.Take(3));
            Assert.Null(rerun.Terminating);
            Assert.Equal(2, rerun.Results.Count(r => r.Status == RenewalStatus.Skipped));
            Assert.Equal(RenewalStatus.Submitted, rerun.Results.Single(r => r.InstanceId == Cvm[2]).Status);
        }

        [Fact]
        public void Two_runs_on_one_journal_get_a_clear_error_and_the_second_sends_nothing()
        {
            using (RenewalJournal.Open(JournalFile, "other run"))
            {
                var r = RenewCvm(Cvm.Take(2));
                var error = Assert.Single(r.Errors);
                Assert.StartsWith("JournalInUse,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Contains("in use by another run", error.Exception.Message, StringComparison.Ordinal);
                Assert.Empty(Emulator.Requests);
            }
        }

        [Fact]
        public void Sent_without_an_answer_is_Unknown_on_rerun_and_not_resent_unless_asked()
        {
            // A run died after sending: the journal holds the intent and no outcome.
            using (var journal = RenewalJournal.Open(JournalFile, "killed run"))
            {
                journal.RecordIntent(new[] { new RenewalRequest(Cvm[0], "ap-guangzhou") { Period = 1, RenewFlag = "NOTIFY_AND_MANUAL_RENEW" } }, "CVM", "RenewInstances", 1);
            }

            var rerun = RenewCvm(new[] { Cvm[0], Cvm[1] });
            var unknown = rerun.Results.Single(r => r.InstanceId == Cvm[0]);
            Assert.Equal(RenewalStatus.Unknown, unknown.Status);
            Assert.Equal("PreviousRunUnknown", unknown.ErrorCode);
            Assert.Equal(0, Emulator.RenewalCount(Cvm[0]));
            Assert.Equal(1, Emulator.RenewalCount(Cvm[1]));
            Assert.Contains(rerun.Errors, e => e.FullyQualifiedErrorId.StartsWith("PreviousRunUnknown,", StringComparison.Ordinal));

            var forced = RenewCvm(new[] { Cvm[0] }, "-ResendUnknown -WarningAction Continue");
            Assert.Equal(RenewalStatus.Submitted, Assert.Single(forced.Results).Status);
            Assert.Contains(forced.Warnings, w => w.Message.Contains("-ResendUnknown", StringComparison.Ordinal));
            Assert.Equal(1, Emulator.RenewalCount(Cvm[0]));
        }

        [Fact]
        public void Ecs_open_intent_is_resent_with_the_recorded_token_and_charged_once()
        {
            // Day one: the renewal executed, then the run died before writing the outcome (journal: intent only).
            var first = Run("'" + Ecs[0] + "' | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -IdempotencyKey day-one");
            var token = Assert.Single(first.Results).ClientToken;
            Assert.Equal(1, Emulator.RenewalCount(Ecs[0]));
            using (var journal = RenewalJournal.Open(JournalFile, "killed run"))
            {
                journal.RecordIntent(new[] { new RenewalRequest(Ecs[0], "cn-hangzhou") { Period = 1, ClientToken = token } }, "ECS", "RenewInstance", 1);
            }

            // Day two: a new key would make a new token; the journal's token makes the resend harmless.
            var rerun = Run("'" + Ecs[0] + "' | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal -IdempotencyKey day-two",
                new Dictionary<string, object?> { ["journal"] = JournalFile });
            var result = Assert.Single(rerun.Results);
            Assert.Equal(RenewalStatus.Renewed, result.Status);
            Assert.Equal(token, result.ClientToken);
            Assert.Equal(Assert.Single(first.Results).OrderId, result.OrderId);
            Assert.Equal(1, Emulator.RenewalCount(Ecs[0]));
        }

        [Fact]
        public void A_different_renewal_of_a_journaled_instance_is_refused()
        {
            RenewCvm(Cvm.Take(1));
            var r = Run("'" + Cvm[0] + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 3 -Credential $tc -Endpoint $endpoint -Force -JournalPath $journal",
                new Dictionary<string, object?> { ["journal"] = JournalFile });
            Assert.Equal("JournalConflict", Assert.Single(r.Results).ErrorCode);
            Assert.Equal(1, Emulator.RenewalCount(Cvm[0]));
        }

        [Fact]
        public void Get_RenewalJournal_summarises_the_latest_state_per_instance()
        {
            RenewCvm(Cvm.Take(3).Append("ins-1122"));
            var r = Run("Get-RenewalJournal -Path $journal", new Dictionary<string, object?> { ["journal"] = JournalFile });
            Assert.Equal(4, r.Results.Count);
            Assert.Equal(3, r.Results.Count(x => x.Status == RenewalStatus.Submitted));
            Assert.Equal("InvalidInstanceId.Malformed", r.Results.Single(x => x.Status == RenewalStatus.Failed).ErrorCode);
        }

        [Fact]
        public void Get_RenewalJournal_shows_the_period_each_instance_was_sent_for()
        {
            RenewCvm(Cvm.Take(2));
            Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 2 -PeriodUnit Week -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal",
                new Dictionary<string, object?> { ["ids"] = Ecs.Take(1).ToArray(), ["journal"] = JournalFile });
            Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -ExpectedRenewDay 15 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal",
                new Dictionary<string, object?> { ["ids"] = Ecs.Skip(1).Take(1).ToArray(), ["journal"] = JournalFile });

            var r = Run("Get-RenewalJournal -Path $journal", new Dictionary<string, object?> { ["journal"] = JournalFile });

            var periods = r.Results.ToDictionary(x => x.InstanceId, x => (x.Period, x.PeriodUnit));
            Assert.Equal((1, "Month"), periods[Cvm[0]]);
            Assert.Equal((1, "Month"), periods[Cvm[1]]);
            Assert.Equal((2, "Week"), periods[Ecs[0]]);
            Assert.Equal((null, null), periods[Ecs[1]]);
        }
    }
}
