using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Storage
{
    /// <summary>
    /// Runs on two "machines" (processes with their own temp folders, so their local run locks never meet) that share one
    /// Blob service: a run killed on A is settled by a rerun on B; two overlapping runs renew nothing twice.
    /// </summary>
    public sealed class TwoMachineTests : EmulatorTest, IClassFixture<AzuriteHost>
    {
        private static readonly string[] Ecs = Clouds.EcsIds(300, "m");
        private readonly AzuriteHost _azurite;
        private readonly ITestOutputHelper _output;

        public TwoMachineTests(AzuriteHost azurite, ITestOutputHelper output)
        {
            _azurite = azurite;
            _output = output;
        }

        protected override Scenario CreateScenario()
        {
            var s = Clouds.Scenario(Ecs.Select(id => Clouds.Ecs(id)));
            s.RateLimits["ecs:RenewInstance"] = 400;
            s.LatencyMs = 20;
            return s;
        }

        protected override bool ReadsCloudState => true;

        private string NewContainer() => _azurite.CreateContainer("c" + Guid.NewGuid().ToString("N").Substring(0, 12));

        /// <summary>A renewal of every ECS instance in another process, on a "machine" with its own temp folder and environment.</summary>
        private Process StartMachine(string machine, string parameters, IDictionary<string, string> environment, string? killJournal = null, string? killAfterIntentFor = null)
        {
            var folder = Directory.CreateDirectory(Path.Combine(TempDirectory, machine)).FullName;
            var temp = Directory.CreateDirectory(Path.Combine(folder, "tmp")).FullName;
            var idsFile = Path.Combine(folder, "ids.txt");
            File.WriteAllLines(idsFile, Ecs);
            var script = Path.Combine(folder, "renew.ps1");
            File.WriteAllText(script, string.Join("\n",
                "Import-Module '" + RepoPaths.RootManifest + "' -ErrorAction Stop",
                "$cred = [pscredential]::new('" + Clouds.AlibabaId + "', [System.Net.NetworkCredential]::new('', '" + Clouds.AlibabaSecret + "').SecurePassword)",
                "[System.IO.File]::ReadAllLines('" + idsFile + "') | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $cred -Endpoint '" + Emulator.BaseUri + "' -Force -ErrorAction SilentlyContinue " + parameters + " | ForEach-Object { $_.Status }",
                "$Error | Where-Object FullyQualifiedErrorId -NotLike 'InvalidParameter*' | ForEach-Object { [Console]::Error.WriteLine($_.FullyQualifiedErrorId + ': ' + $_.Exception.Message) }"));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(RepoPaths.Runner);
            start.ArgumentList.Add(script);
            if (killJournal != null)
            {
                start.ArgumentList.Add(killJournal);
                start.ArgumentList.Add(killAfterIntentFor!);
                start.ArgumentList.Add("1000");
            }
            foreach (var name in new[] { "TMPDIR", "TEMP", "TMP" })
            {
                start.Environment[name] = temp;
            }
            foreach (var v in environment)
            {
                start.Environment[v.Key] = v.Value;
            }
            return Process.Start(start)!;
        }

        private static (int Exit, string Output, string Errors) WaitFor(Process machine)
        {
            var output = machine.StandardOutput.ReadToEndAsync();
            var errors = machine.StandardError.ReadToEndAsync();
            Assert.True(machine.WaitForExit(180000), "The machine's run neither finished nor died.");
            return (machine.ExitCode, output.Result, errors.Result);
        }

        [Fact]
        public void A_run_killed_on_machine_A_is_settled_by_a_rerun_on_machine_B_with_no_doubles_once_the_dead_runs_lease_frees()
        {
            var held = Ecs[150];
            Emulator.Enqueue(new FaultRule { Action = "ecs:RenewInstance", InstanceId = held, Kind = FaultKind.SlowAfterExecution, DelayMs = 6000 });
            var journal = NewContainer() + "/renewals.jsonl?" + AzuriteHost.AccountSas();
            using (var a = StartMachine("A", "-JournalPath '" + journal + "' -ThrottleLimit 1 -TimeoutSec 60", new Dictionary<string, string>(), journal, held))
            {
                var died = WaitFor(a);
                Assert.True(died.Exit != 0, "Machine A finished instead of dying: " + died.Errors);
            }
            var killedAt = Stopwatch.StartNew();
            Assert.Equal(1, Emulator.RenewalCount(held));
            var renewedByA = Ecs.Count(id => Emulator.RenewalCount(id) == 1);
            Assert.InRange(renewedByA, 1, Ecs.Length - 1);

            // Machine B (this process, another temp folder): the dead run's lease holds for up to a minute, and meanwhile
            // every attempt is refused before it sends anything.
            RunResult rerun;
            var refusals = 0;
            var freedAfter = TimeSpan.Zero;
            while (true)
            {
                freedAfter = killedAt.Elapsed;
                var requestsBefore = RenewalRequests("RenewInstance").Count;
                rerun = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal -ThrottleLimit 16 -ErrorAction SilentlyContinue",
                    new Dictionary<string, object?> { ["ids"] = Ecs, ["journal"] = journal });
                // Both leases of the dead run (its run lock, then its journal) expire about together.
                if (!rerun.Errors.Any(e => e.FullyQualifiedErrorId.StartsWith("RunInProgress", StringComparison.Ordinal) || e.FullyQualifiedErrorId.StartsWith("JournalInUse", StringComparison.Ordinal)))
                {
                    break;
                }
                refusals++;
                Assert.Empty(rerun.Results);
                Assert.Equal(requestsBefore, RenewalRequests("RenewInstance").Count);
                Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(70), "The dead run's lease did not free within a minute.");
                Thread.Sleep(2000);
            }
            _output.WriteLine("machine A renewed " + renewedByA + " before it died; machine B was refused " + refusals + " time(s); it ran " + freedAfter.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s after the kill");

            Assert.True(refusals > 0, "Machine B ran at once: the dead run's lease did not hold.");
            // The lease lasts 60 s from the dead run's last renewal, before the kill; 2 s between attempts.
            Assert.InRange(freedAfter, TimeSpan.Zero, TimeSpan.FromSeconds(63));
            Assert.Equal(Ecs.Length, rerun.Results.Count);
            Assert.All(Ecs, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            Assert.All(rerun.Results, x => Assert.Contains(x.Status, new[] { RenewalStatus.Renewed, RenewalStatus.Skipped }));
            Assert.Equal(RenewalStatus.Renewed, rerun.Results.Single(x => x.InstanceId == held).Status);
        }

        [Fact]
        public void Two_overlapping_runs_on_two_machines_sharing_a_lock_URL_renew_each_instance_once_and_one_gets_RunInProgress()
        {
            var shared = new Dictionary<string, string>
            {
                ["RENEWALTOOLS_LOCK_URL"] = NewContainer(),
                ["AZURE_STORAGE_SAS_TOKEN"] = AzuriteHost.AccountSas(),
            };
            using var a = StartMachine("A", "-ThrottleLimit 1", shared);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (RenewalRequests("RenewInstance").Count == 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            if (RenewalRequests("RenewInstance").Count == 0)
            {
                a.Kill(true);
                var failed = WaitFor(a);
                Assert.Fail("Machine A sent nothing: " + failed.Errors + failed.Output);
            }
            using var b = StartMachine("B", "-ThrottleLimit 1", shared);
            var second = WaitFor(b);
            var first = WaitFor(a);

            _output.WriteLine("A: exit " + first.Exit + ", " + first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length + " results; B: exit " + second.Exit + ": " + second.Errors.Trim());
            Assert.Equal(0, first.Exit);
            Assert.Equal(Ecs.Length, first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Trim() == "Renewed"));
            Assert.Contains("RunInProgress", second.Errors, StringComparison.Ordinal);
            Assert.Contains("Another RenewalTools run is renewing ECS instances with this key on another machine or process", second.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("Renewed", second.Output, StringComparison.Ordinal);
            Assert.All(Ecs, id => Assert.Equal(1, Emulator.RenewalCount(id)));
        }
    }
}
