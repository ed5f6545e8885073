using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Resilience
{
    /// <summary>
    /// A run killed with SIGKILL mid-way, then rerun with the same journal, renews nothing twice; Ctrl+C (Stop) returns
    /// within seconds and leaves no sent request without an outcome line.
    /// </summary>
    public sealed class KillAndStopTests : EmulatorTest
    {
        private static readonly string[] Ecs = Clouds.EcsIds(1000, "k");
        private static readonly string[] Cvm = Clouds.CvmIds(1000, "k");
        private readonly ITestOutputHelper _output;

        public KillAndStopTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override Scenario CreateScenario()
        {
            var s = Clouds.Scenario(Ecs.Select(id => Clouds.Ecs(id)).Concat(Cvm.Select(id => Clouds.Cvm(id))));
            s.RateLimits["ecs:RenewInstance"] = 400;
            s.LatencyMs = 40;
            return s;
        }

        private string Journal => Path.Combine(TempDirectory, "journal.jsonl");

        /// <summary>As users run it: the expiry is read before sending and journaled, so a rerun can settle what was in flight.</summary>
        protected override bool ReadsCloudState => true;


        private static int Lines(string path, string type)
        {
            if (!File.Exists(path))
            {
                return 0;
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n').Count(l => l.Contains("\"type\":\"" + type + "\"", StringComparison.Ordinal));
        }

        /// <summary>Starts a renewal in another process that SIGKILLs itself <paramref name="killDelayMs"/> after its journal holds <paramref name="killAfterIntents"/> intents.</summary>
        private Process StartRunner(string cmdlet, string[] ids, string region, string credentialId, string secret, string extra, string killAfterIntents, int killDelayMs)
        {
            var idsFile = Path.Combine(TempDirectory, "ids.txt");
            File.WriteAllLines(idsFile, ids);
            var script = Path.Combine(TempDirectory, "renew.ps1");
            File.WriteAllText(script, string.Join("\n",
                "Import-Module '" + RepoPaths.RootManifest + "' -ErrorAction Stop",
                "$cred = [pscredential]::new('" + credentialId + "', [System.Net.NetworkCredential]::new('', '" + secret + "').SecurePassword)",
                "[System.IO.File]::ReadAllLines('" + idsFile + "') | " + cmdlet + " -Region " + region + " -Period 1 -Credential $cred -Endpoint '" + Emulator.BaseUri + "' -Force -JournalPath '" + Journal + "' -ErrorAction SilentlyContinue " + extra + " | ForEach-Object { $_.Status }"));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(RepoPaths.Runner);
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(Journal);
            start.ArgumentList.Add(killAfterIntents);
            start.ArgumentList.Add(killDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Process.Start(start)!;
        }

        private void WaitForDeath(Process runner)
        {
            Assert.True(runner.WaitForExit(120000), "The runner neither finished nor died.");
            var output = runner.StandardOutput.ReadToEnd();
            Assert.True(runner.ExitCode != 0, "The runner finished instead of dying (exit 0): journal " + Lines(Journal, "intent") + " intents; stderr: " + runner.StandardError.ReadToEnd() + "; stdout: " + output);
            _output.WriteLine("runner died (exit " + runner.ExitCode + ", " + output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length + " results printed); emulator received " + Emulator.Requests.Count + " requests; journal: " + Lines(Journal, "intent") + " intents, " + Lines(Journal, "outcome") + " outcomes");
        }

        [Fact]
        public void Ecs_run_killed_mid_way_is_completed_by_a_rerun_and_nothing_is_renewed_twice()
        {
            // Instance 300's answer is held back 8 s after it executed: the run is killed while it is in flight.
            var held = Ecs[300];
            Emulator.Enqueue(new FaultRule { Action = "ecs:RenewInstance", InstanceId = held, Kind = FaultKind.SlowAfterExecution, DelayMs = 6000 });
            using var runner = StartRunner("Invoke-EcsRenewal", Ecs, "cn-hangzhou", Clouds.AlibabaId, Clouds.AlibabaSecret, "-MaxRequestsPerSecond 200 -ThrottleLimit 1 -TimeoutSec 60", killAfterIntents: held, killDelayMs: 1000);
            WaitForDeath(runner);
            var renewedBeforeRerun = Ecs.Count(id => Emulator.RenewalCount(id) == 1);
            // Read groups go in any order, so how many came before the held one varies; the held one is in flight.
            Assert.InRange(renewedBeforeRerun, 1, Ecs.Length - 1);
            Assert.Equal(1, Emulator.RenewalCount(held));

            var rerun = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal -MaxRequestsPerSecond 200 -ThrottleLimit 16",
                new Dictionary<string, object?> { ["ids"] = Ecs, ["journal"] = Journal });

            Assert.Equal(Ecs.Length, rerun.Results.Count);
            Assert.All(Ecs, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            Assert.All(rerun.Results, x => Assert.Contains(x.Status, new[] { RenewalStatus.Renewed, RenewalStatus.Skipped }));
            // The held instance was sent by the killed run; the rerun resent it with the recorded token and was not charged again.
            Assert.Equal(RenewalStatus.Renewed, rerun.Results.Single(x => x.InstanceId == held).Status);
            _output.WriteLine("renewed before the rerun: " + renewedBeforeRerun + "; rerun skipped " + rerun.Results.Count(x => x.Status == RenewalStatus.Skipped) + ", renewed " + rerun.Results.Count(x => x.Status == RenewalStatus.Renewed));
        }

        [Fact]
        public void Cvm_run_killed_mid_way_is_settled_from_the_cloud_by_the_rerun_and_renews_nothing_twice()
        {
            // One request at a time; the batch holding Cvm[300] executes and its answer is held back (read groups go in any
            // order, so how many batches came before it varies), and the kill lands while it is in flight.
            var held = Cvm[300];
            Emulator.Enqueue(new FaultRule { Action = "RenewInstances", InstanceId = held, Kind = FaultKind.SlowAfterExecution, DelayMs = 30000 });
            using var runner = StartRunner("Invoke-CvmRenewal", Cvm, "ap-guangzhou", Clouds.TencentId, Clouds.TencentKey, "-ThrottleLimit 1 -TimeoutSec 60", killAfterIntents: held, killDelayMs: 1000);
            WaitForDeath(runner);
            Assert.Equal(1, Emulator.RenewalCount(held));
            // Four batches executed (read groups go in any order), the last of them unanswered at the kill.
            var renewedBeforeRerun = Cvm.Where(id => Emulator.RenewalCount(id) == 1).ToHashSet();

            var rerunStarted = DateTimeOffset.UtcNow;
            var rerun = Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -JournalPath $journal -ErrorAction SilentlyContinue",
                new Dictionary<string, object?> { ["ids"] = Cvm, ["journal"] = Journal });

            Assert.Equal(Cvm.Length, rerun.Results.Count);
            Assert.All(Cvm, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            var byStatus = rerun.Results.GroupBy(x => x.Status).ToDictionary(g => g.Key, g => g.Select(x => x.InstanceId).ToHashSet());
            // What the killed run renewed is never sent again: Skipped where its outcome reached the journal, otherwise
            // (the batch in flight, and batches killed while being read back) settled as Renewed from the expiry the
            // journal recorded before sending and the cloud's expiry now.
            Assert.False(byStatus.ContainsKey(RenewalStatus.Unknown));
            Assert.All(rerun.Results.Where(x => renewedBeforeRerun.Contains(x.InstanceId)), x => Assert.True(x.Status == RenewalStatus.Skipped || (x.Status == RenewalStatus.Renewed && x.Attempts == 0), x.InstanceId + " " + x.Status + " " + x.Attempts));
            Assert.Equal((RenewalStatus.Renewed, 0), rerun.Results.Where(x => x.InstanceId == held).Select(x => (x.Status, x.Attempts)).Single());
            Assert.All(rerun.Results.Where(x => !renewedBeforeRerun.Contains(x.InstanceId)), x => Assert.Equal(RenewalStatus.Renewed, x.Status));
            Assert.DoesNotContain(Emulator.Requests.Where(q => q.Action == "RenewInstances" && q.Time > rerunStarted), q => q.InstanceIds.Any(renewedBeforeRerun.Contains));
            _output.WriteLine(string.Join(", ", byStatus.Select(g => g.Key + " " + g.Value.Count)));
        }

        /// <summary>
        /// Issue #10: an Azure Automation job restarted from the top on a fresh sandbox has no journal left. With the guard,
        /// the rerun reads each instance's expiry and skips what the killed run renewed, the batch in flight included.
        /// </summary>
        [Fact]
        public void Guarded_run_killed_mid_way_and_rerun_without_its_journal_renews_nothing_twice()
        {
            var held = Cvm[500];
            Emulator.Enqueue(new FaultRule { Action = "RenewInstances", InstanceId = held, Kind = FaultKind.SlowAfterExecution, DelayMs = 30000 });
            // The journal only tells the runner when to die; the rerun does not get it.
            using var runner = StartRunner("Invoke-CvmRenewal", Cvm, "ap-guangzhou", Clouds.TencentId, Clouds.TencentKey, "-ThrottleLimit 1 -TimeoutSec 60 -OnlyIfExpiringWithinDays 40", killAfterIntents: held, killDelayMs: 1000);
            WaitForDeath(runner);
            var renewedBeforeRerun = Cvm.Where(id => Emulator.RenewalCount(id) == 1).ToHashSet();
            Assert.Contains(held, renewedBeforeRerun);

            var rerun = Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -OnlyIfExpiringWithinDays 40 -ErrorAction SilentlyContinue",
                new Dictionary<string, object?> { ["ids"] = Cvm });

            Assert.Equal(Cvm.Length, rerun.Results.Count);
            Assert.All(Cvm, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            Assert.All(rerun.Results.Where(x => renewedBeforeRerun.Contains(x.InstanceId)), x => Assert.Equal((RenewalStatus.Skipped, "NotDue"), (x.Status, x.ErrorCode)));
            Assert.All(rerun.Results.Where(x => !renewedBeforeRerun.Contains(x.InstanceId)), x => Assert.Equal(RenewalStatus.Renewed, x.Status));
            _output.WriteLine("renewed before the kill: " + renewedBeforeRerun.Count + "; rerun skipped " + rerun.Results.Count(x => x.Status == RenewalStatus.Skipped));
        }

        [Fact]
        public void Stop_returns_within_seconds_and_every_sent_request_has_an_outcome_line()
        {
            Emulator.Scenario.LatencyMs = 300;
            var r = PS.InvokeAndStop(
                "$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal -ThrottleLimit 4",
                new Dictionary<string, object?> { ["ids"] = Ecs, ["journal"] = Journal, ["ali"] = Clouds.AlibabaCredential, ["endpoint"] = Emulator.BaseUri.ToString() },
                stopWhen: () => Lines(Journal, "outcome") >= 20,
                giveUp: TimeSpan.FromSeconds(60),
                out var stopTook);

            Assert.InRange(stopTook, TimeSpan.Zero, TimeSpan.FromSeconds(8));
            var sent = Emulator.Requests.Where(q => q.Action == "RenewInstance").SelectMany(q => q.InstanceIds).Distinct().ToHashSet();
            var lines = File.ReadAllLines(Journal).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var intents = lines.Where(l => l.GetProperty("type").GetString() == "intent").SelectMany(l => l.GetProperty("instanceIds").EnumerateArray().Select(e => e.GetString()!)).ToHashSet();
            var outcomes = lines.Where(l => l.GetProperty("type").GetString() == "outcome" && l.GetProperty("status").GetString() != "Skipped").Select(l => l.GetProperty("instanceId").GetString()!).ToHashSet();
            Assert.Subset(intents, sent);
            Assert.Subset(outcomes, intents);
            Assert.True(sent.Count < Ecs.Length, "Stop should have prevented most requests");
            _output.WriteLine("stop took " + stopTook.TotalMilliseconds + " ms; sent " + sent.Count + ", intents " + intents.Count + ", outcomes " + outcomes.Count);
        }
    }
}
