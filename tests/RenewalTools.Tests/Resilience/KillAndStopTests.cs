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
        private Process StartRunner(string cmdlet, string[] ids, string region, string credentialId, string secret, string extra, int killAfterIntents, int killDelayMs)
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
            start.ArgumentList.Add(killAfterIntents.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
            using var runner = StartRunner("Invoke-EcsRenewal", Ecs, "cn-hangzhou", Clouds.AlibabaId, Clouds.AlibabaSecret, "-MaxRequestsPerSecond 200 -ThrottleLimit 1 -TimeoutSec 60", killAfterIntents: 301, killDelayMs: 1000);
            WaitForDeath(runner);
            var renewedBeforeRerun = Ecs.Count(id => Emulator.RenewalCount(id) == 1);
            Assert.Equal(301, renewedBeforeRerun);
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
        public void Cvm_run_killed_mid_way_leaves_the_in_flight_batch_Unknown_and_renews_the_rest_once()
        {
            // One request at a time; the fourth batch executes and its answer is held back, so the kill lands mid-run.
            var held = Cvm[300];
            Emulator.Enqueue(new FaultRule { Action = "RenewInstances", InstanceId = held, Kind = FaultKind.SlowAfterExecution, DelayMs = 30000 });
            using var runner = StartRunner("Invoke-CvmRenewal", Cvm, "ap-guangzhou", Clouds.TencentId, Clouds.TencentKey, "-ThrottleLimit 1 -TimeoutSec 60", killAfterIntents: 4, killDelayMs: 1000);
            WaitForDeath(runner);
            Assert.Equal(1, Emulator.RenewalCount(held));
            Assert.Equal(0, Emulator.RenewalCount(Cvm[400]));

            var rerun = Run("$ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -JournalPath $journal -ErrorAction SilentlyContinue",
                new Dictionary<string, object?> { ["ids"] = Cvm, ["journal"] = Journal });

            Assert.Equal(Cvm.Length, rerun.Results.Count);
            Assert.All(Cvm, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            var byStatus = rerun.Results.GroupBy(x => x.Status).ToDictionary(g => g.Key, g => g.Select(x => x.InstanceId).ToHashSet());
            Assert.Equal(300, byStatus[RenewalStatus.Skipped].Count);
            // The batch in flight at the kill executed, but no answer ever said so: Unknown, and not resent.
            Assert.Equal(Cvm.Skip(300).Take(100).ToHashSet(), byStatus[RenewalStatus.Unknown]);
            Assert.Equal(600, byStatus[RenewalStatus.Submitted].Count);
            _output.WriteLine(string.Join(", ", byStatus.Select(g => g.Key + " " + g.Value.Count)));
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
