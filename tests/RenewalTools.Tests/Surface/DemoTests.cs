using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>
    /// The README's "See it work without a cloud account": the everyday job of `dotnet run --project tests/Demo` and
    /// `build.ps1 -Task Demo` (tests/Demo/EverydayJob.ps1) in the engine the demo hosts, the by-hand commands cover every
    /// example CSV with its demo account, and the demo account of tests/CloudEmulator/scenarios/demo.json lasts for
    /// repeated passes on one emulator.
    /// </summary>
    public sealed class DemoTests : EmulatorTest
    {
        private const int Passes = 5;
        private static readonly string DemoScenario = Path.Combine(RepoPaths.Root, "tests", "CloudEmulator", "scenarios", "demo.json");
        private static readonly string Script = Path.Combine(RepoPaths.Root, "tests", "Demo", "EverydayJob.ps1");
        private static readonly string[] PostPaid = { "i-bp67acfmxazb4phdemo2", "ins-demo0003" };
        private static readonly (string Cmdlet, string Csv, string Provider)[] Renewals =
        {
            ("Invoke-CvmRenewal", "cvm-instances.csv", "tencent"),
            ("Invoke-MongoDbRenewal", "mongodb-instances.csv", "tencent"),
            ("Invoke-EcsRenewal", "ecs-instances.csv", "alibaba"),
        };

        protected override Scenario CreateScenario() => Scenario.Load(DemoScenario);

        [Fact]
        public void The_demo_renews_each_due_instance_of_every_cloud_once_after_a_refused_cap_and_shows_each_expiry_change()
        {
            var scenario = Scenario.Load(DemoScenario);
            var credentials = scenario.Accounts.ToDictionary(a => a.Provider, a => (object?)Clouds.Credential(a.Id, a.Secret));
            // The harness makes renewals -NoWait by default; the demo reads the cloud before and after, as users do.
            var r = Run("$PSDefaultParameterValues.Remove('Invoke-*Renewal:NoWait'); & $script -Endpoint $endpoint -TencentCredential $tencent -AlibabaCredential $alibaba -PassThru", new Dictionary<string, object?>
            {
                ["script"] = Script,
                ["tencent"] = credentials["tencent"],
                ["alibaba"] = credentials["alibaba"],
            });

            Assert.True(r.Terminating is null, r.Terminating?.ToString());
            Assert.Empty(r.Errors);
            var results = r.Results;
            Assert.Equal(new[] { "CVM", "ECS", "MongoDB" }, results.Select(x => x.Service).Distinct().OrderBy(s => s, StringComparer.Ordinal));
            Assert.True(results.Select(x => x.Region).Distinct().Count() >= 4, "a fleet across regions: " + string.Join(", ", results.Select(x => x.Region).Distinct()));
            var screen = Regex.Replace(string.Join("\n", r.HostLines), "\u001b\\[[0-9;]*m", "");
            foreach (var result in results)
            {
                Assert.Equal(RenewalStatus.Renewed, result.Status);
                Assert.Equal(result.PreviousExpiry!.Value.AddMonths(1), result.NewExpiry);
                Assert.Equal(1, Emulator.RenewalCount(result.InstanceId));
                Assert.Contains(result.InstanceId.PadRight(23) + "Renewed   " + Utc(result.PreviousExpiry) + " -> " + Utc(result.NewExpiry), screen, StringComparison.Ordinal);
            }
            var renewedIds = results.Select(x => x.InstanceId).ToHashSet(StringComparer.Ordinal);
            Assert.All(Emulator.Scenario.Instances.Where(i => !renewedIds.Contains(i.Id)), i => Assert.Equal(0, Emulator.RenewalCount(i.Id)));
            Assert.Contains("Refused (SpendCapExceeded): Renewing these ", screen, StringComparison.Ordinal);
            Assert.Contains("Renewal requests the cloud received meanwhile: 0", screen, StringComparison.Ordinal);
            Assert.Contains("Each of the " + results.Count + " due instances was renewed exactly once", screen, StringComparison.Ordinal);

            // Step 6: the policy audit switches every prepaid instance that did not auto-renew, each change read back; an
            // instance the cloud refuses is reported Failed and is exactly what still does not auto-renew.
            var policies = r.PolicyResults;
            var changed = policies.Where(x => x.Status == AutoRenewStatus.Changed).ToList();
            var failed = policies.Where(x => x.Status == AutoRenewStatus.Failed).Select(x => x.InstanceId).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(new[] { "CVM", "ECS", "MongoDB" }, changed.Select(x => x.Service).Distinct().OrderBy(s => s, StringComparer.Ordinal));
            Assert.Equal(policies.Count, changed.Count + failed.Count);
            foreach (var policy in changed)
            {
                Assert.Contains(policy.InstanceId.PadRight(23) + "Changed   " + policy.PreviousPolicy + " -> AutoRenew", screen, StringComparison.Ordinal);
            }
            Assert.All(
                Emulator.Scenario.Instances.Where(i => string.Equals(i.ChargeType, "PrePaid", StringComparison.OrdinalIgnoreCase)),
                i => Assert.Equal(!failed.Contains(i.Id), Emulator.PolicyOf(i.Id)!.Mode == AutoRenewMode.Auto));
            Assert.Contains(changed.Count + " instance(s) switched to AutoRenew, each read back from the cloud; " + failed.Count + " refused", screen, StringComparison.Ordinal);
        }

        [Fact]
        public void The_demo_account_lasts_for_five_passes_of_the_demo_on_one_emulator()
        {
            var scenario = Scenario.Load(DemoScenario);
            for (var pass = 1; pass <= Passes; pass++)
            {
                var results = new List<RenewalResult>();
                foreach (var (cmdlet, csv, provider) in Renewals)
                {
                    var account = scenario.Accounts.Single(a => a.Provider == provider);
                    // The example CSVs carry their own RenewFlag column: no renewal-only default flag.
                    var r = Run(NoDefaultFlags + "$rows | " + cmdlet + " -Credential $cred -Endpoint $endpoint -Force -ErrorAction SilentlyContinue", new Dictionary<string, object?>
                    {
                        ["rows"] = Csv.Rows(File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", csv))),
                        ["cred"] = Clouds.Credential(account.Id, account.Secret),
                    });
                    Assert.Null(r.Terminating);
                    results.AddRange(r.Results);
                }
                var failed = results.Where(x => x.Status == RenewalStatus.Failed).ToList();
                Assert.True(
                    failed.Select(x => x.InstanceId).OrderBy(id => id, StringComparer.Ordinal).SequenceEqual(PostPaid.OrderBy(id => id, StringComparer.Ordinal)),
                    "pass " + pass + ": " + string.Join(", ", failed.Select(x => x.InstanceId + " " + x.ErrorCode)));
                Assert.All(results.Where(x => !PostPaid.Contains(x.InstanceId)), x => Assert.Contains(x.Status, new[] { RenewalStatus.Submitted, RenewalStatus.Renewed }));
            }
        }

        [Fact]
        public void The_README_by_hand_demo_runs_the_everyday_job_and_gives_each_example_CSV_its_cmdlet_and_demo_credential()
        {
            var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
            var section = readme.Substring(readme.IndexOf("## See it work without a cloud account", StringComparison.Ordinal));
            var commands = Regex.Match(section, "```powershell\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
            foreach (var account in Scenario.Load(DemoScenario).Accounts)
            {
                Assert.Contains("'" + account.Id + "'", commands, StringComparison.Ordinal);
                Assert.Contains("'" + account.Secret + "'", commands, StringComparison.Ordinal);
            }
            Assert.Matches("\\./tests/Demo/EverydayJob\\.ps1 -Endpoint http://127\\.0\\.0\\.1:\\d+ -TencentCredential \\$\\w+ -AlibabaCredential \\$\\w+", commands);
            foreach (var (cmdlet, csv, _) in Renewals)
            {
                Assert.Matches("Import-Csv ./examples/" + Regex.Escape(csv) + " \\| " + cmdlet + " -Credential \\$\\w+ -Endpoint http://127\\.0\\.0\\.1:\\d+ -Force", commands);
            }
        }

        private static string Utc(DateTimeOffset? at) => at!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
