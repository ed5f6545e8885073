using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CloudEmulator;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Engine.Pipeline;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Resilience
{
    /// <summary>
    /// Issue #12 item 8: once an attempt may have executed, the outcome is Unknown, never Failed, and the journal keeps
    /// the ClientToken so that any later rerun, on any day, cannot place a second order.
    /// </summary>
    public sealed class MayHaveExecutedTests : EmulatorTest
    {
        private const string EcsA = "i-bpmaybe000000000001";
        private const string EcsB = "i-bpmaybe000000000002";
        private const string EcsC = "i-bpmaybe000000000003";
        private const string CvmA = "ins-maybe001";

        private string JournalFile => Path.Combine(TempDirectory, "renewals.jsonl");

        protected override Scenario CreateScenario() => Clouds.Scenario(new[] { Clouds.Ecs(EcsA), Clouds.Ecs(EcsB), Clouds.Ecs(EcsC), Clouds.Cvm(CvmA) });

        /// <summary>The verifier's case: an answer lost after execution, then throttling until the budget ran out.</summary>
        [Fact]
        public void Throttling_after_an_executed_but_unanswered_attempt_ends_Unknown_not_Failed()
        {
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, InstanceId = EcsA });
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.Throttle, InstanceId = EcsA, Skip = 1, Times = 10 });
            var options = new RenewalOptions { MaxThrottledAttempts = 3, BackoffBase = TimeSpan.FromMilliseconds(1), BackoffCap = TimeSpan.FromMilliseconds(5) };
            var api = new EcsRenewInstance(AlibabaSignature.Acs3, "2026-12-01", 100);

            var result = RenewOne(api, new RenewalRequest(EcsA, "cn-hangzhou") { Period = 1 }, options);

            Assert.Equal(RenewalStatus.Unknown, result.Status);
            Assert.Equal("Transport.ConnectionDropped", result.ErrorCode);
            Assert.Equal("MayHaveExecuted", result.ErrorClass);
            Assert.Contains("Throttling", result.Message, StringComparison.Ordinal);
            Assert.Equal(4, result.Attempts);
            Assert.Equal(1, Emulator.RenewalCount(EcsA));
        }

        [Fact]
        public void A_final_refusal_after_an_executed_but_unanswered_attempt_ends_Unknown_and_the_next_days_rerun_reuses_the_token()
        {
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, InstanceId = EcsB });
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.ErrorCode, Code = "InvalidStatus.Upgrading", HttpStatus = 403, InstanceId = EcsB, Skip = 1 });

            var first = RenewEcs(EcsB, "-IdempotencyKey 2026-12-01");

            var result = Assert.Single(first.Results);
            Assert.Equal(RenewalStatus.Unknown, result.Status);
            Assert.Contains("InvalidStatus.Upgrading", result.Message, StringComparison.Ordinal);
            var entry = Assert.Single(RenewalJournal.ReadEntries(JournalFile, out _));
            Assert.Equal(RenewalStatus.Unknown, entry.Status);
            Assert.Equal(result.ClientToken, entry.ClientToken);

            // Tomorrow's run: the default key (the UTC date) differs, so a token derived anew would be a second order.
            var rerun = RenewEcs(EcsB, "-IdempotencyKey 2026-12-02");

            var again = Assert.Single(rerun.Results);
            Assert.Equal(RenewalStatus.Renewed, again.Status);
            Assert.Equal(result.ClientToken, again.ClientToken);
            Assert.Single(Emulator.Requests.Select(q => q.Parameter("ClientToken")).Distinct());
            Assert.Equal(1, Emulator.RenewalCount(EcsB));
        }

        [Fact]
        public void A_journaled_token_is_reused_even_after_a_Failed_outcome()
        {
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.ErrorCode, Code = "InvalidStatus.Upgrading", HttpStatus = 403, InstanceId = EcsC });
            var first = Assert.Single(RenewEcs(EcsC, "-IdempotencyKey 2026-12-01").Results);
            Assert.Equal(RenewalStatus.Failed, first.Status);

            var rerun = Assert.Single(RenewEcs(EcsC, "-IdempotencyKey 2026-12-02").Results);

            Assert.Equal(RenewalStatus.Renewed, rerun.Status);
            Assert.Equal(first.ClientToken, rerun.ClientToken);
        }

        [Fact]
        public void A_Tencent_resend_of_a_journaled_Unknown_that_is_refused_stays_Unknown()
        {
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, InstanceId = CvmA });
            Assert.Equal(RenewalStatus.Unknown, Assert.Single(RenewCvm("").Results).Status);

            Emulator.Enqueue(new FaultRule { Kind = FaultKind.ErrorCode, Code = "ResourceInUse", InstanceId = CvmA });
            var resent = Assert.Single(RenewCvm("-ResendUnknown -WarningAction SilentlyContinue").Results);

            Assert.Equal(RenewalStatus.Unknown, resent.Status);
            Assert.Equal("PreviousRunUnknown", resent.ErrorCode);
            Assert.Contains("ResourceInUse", resent.Message, StringComparison.Ordinal);

            // Still Unknown in the journal: a plain rerun sends nothing for it.
            Emulator.ClearRequests();
            var third = Assert.Single(RenewCvm("").Results);
            Assert.Equal(RenewalStatus.Unknown, third.Status);
            Assert.Empty(Emulator.Requests);
            Assert.Equal(1, Emulator.RenewalCount(CvmA));
        }

        private RunResult RenewEcs(string id, string extra) =>
            Run("'" + id + "' | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal " + extra,
                new Dictionary<string, object?> { ["journal"] = JournalFile });

        private RunResult RenewCvm(string extra) =>
            Run("'" + CvmA + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -JournalPath $journal " + extra,
                new Dictionary<string, object?> { ["journal"] = JournalFile });

        /// <summary>Drives the engine directly, for retry budgets too slow to exhaust through the cmdlet's defaults.</summary>
        /// <summary>#18's finding: a journal that cannot record the intent sends nothing, and the result says so (Failed, not Unknown).</summary>
        [Fact]
        public void A_journal_that_cannot_record_the_intent_sends_nothing_and_reports_Failed()
        {
            var api = new EcsRenewInstance(AlibabaSignature.Acs3, "2026-12-01", 100);

            var result = RenewOne(api, new RenewalRequest(EcsB, "cn-hangzhou") { Period = 1 }, new RenewalOptions(), new UnwritableJournal());

            Assert.Equal(RenewalStatus.Failed, result.Status);
            Assert.Equal("JournalUnavailable", result.ErrorCode);
            Assert.Equal(0, result.Attempts);
            Assert.Contains("disk full", result.Message, StringComparison.Ordinal);
            Assert.Empty(Emulator.Requests);
        }

        private sealed class UnwritableJournal : IRenewalJournal
        {
            public void RecordIntent(IReadOnlyList<RenewalRequest> batch, string service, string action, int attempt) => throw new IOException("disk full");

            public void RecordOutcome(RenewalResult result)
            {
            }
        }

        private RenewalResult RenewOne(RenewalTools.Clients.RenewalApi api, RenewalRequest request, RenewalOptions options, IRenewalJournal? journal = null)
        {
            var credential = new CloudCredential(Clouds.AlibabaId, Clouds.AlibabaSecret, null, "test");
            var events = new RunEvents();
            using var session = new WriteRun<RenewalRequest>(new RenewalAction(api, null, null, options, journal, null), new CloudCaller(credential, Emulator.BaseUri, options.Timeout), events);
            session.Enqueue(request);
            session.Flush();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                if (session.TryTake(out var item, TimeSpan.FromMilliseconds(200)) && item.Kind == SessionEventKind.Result)
                {
                    return (RenewalResult)item.Result!;
                }
            }
            throw new TimeoutException("No result within 60 s.");
        }
    }
}
