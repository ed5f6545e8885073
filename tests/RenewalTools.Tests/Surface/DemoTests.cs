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
    /// The README's "See it work without a cloud account": the by-hand commands cover every example CSV with its demo
    /// account, and the demo account of tests/CloudEmulator/scenarios/demo.json lasts for repeated passes on one emulator.
    /// </summary>
    public sealed class DemoTests : EmulatorTest
    {
        private const int Passes = 5;
        private static readonly string DemoScenario = Path.Combine(RepoPaths.Root, "tests", "CloudEmulator", "scenarios", "demo.json");
        private static readonly string[] PostPaid = { "i-bp67acfmxazb4phdemo2", "ins-demo0003" };
        private static readonly (string Cmdlet, string Csv, string Provider)[] Renewals =
        {
            ("Invoke-CvmRenewal", "cvm-instances.csv", "tencent"),
            ("Invoke-MongoDbRenewal", "mongodb-instances.csv", "tencent"),
            ("Invoke-EcsRenewal", "ecs-instances.csv", "alibaba"),
        };

        protected override Scenario CreateScenario() => Scenario.Load(DemoScenario);

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
                    var r = Run("$rows | " + cmdlet + " -Credential $cred -Endpoint $endpoint -Force -ErrorAction SilentlyContinue", new Dictionary<string, object?>
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
        public void The_README_by_hand_demo_gives_each_example_CSV_its_cmdlet_and_demo_credential()
        {
            var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
            var section = readme.Substring(readme.IndexOf("## See it work without a cloud account", StringComparison.Ordinal));
            var commands = Regex.Match(section, "```powershell\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
            foreach (var account in Scenario.Load(DemoScenario).Accounts)
            {
                Assert.Contains("'" + account.Id + "'", commands, StringComparison.Ordinal);
                Assert.Contains("'" + account.Secret + "'", commands, StringComparison.Ordinal);
            }
            foreach (var (cmdlet, csv, _) in Renewals)
            {
                Assert.Matches("Import-Csv ./examples/" + Regex.Escape(csv) + " \\| " + cmdlet + " -Credential \\$\\w+ -Endpoint http://127\\.0\\.0\\.1:\\d+ -Force", commands);
            }
        }
    }
}
