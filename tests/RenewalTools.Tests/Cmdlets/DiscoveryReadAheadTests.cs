using System;
using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    /// <summary>
    /// Issue #19: once a region's first page gives the total, discovery reads the later pages at once, at most
    /// -ThrottleLimit ahead of the page being written, and writes them in page order.
    /// </summary>
    public sealed class DiscoveryReadAheadTests : EmulatorTest
    {
        // Three pages of 100 in Guangzhou, one in Shanghai; the emulator lists a region in ID order.
        private static readonly string[] Guangzhou = Clouds.CvmIds(250, "g");
        private static readonly string[] Shanghai = Clouds.CvmIds(30, "s");
        private static readonly string[] MongoGuangzhou = Clouds.MongoIds(250, "g");

        protected override Scenario CreateScenario() => Clouds.Scenario(
            Guangzhou.Select(id => Clouds.Cvm(id, "ap-guangzhou"))
                .Concat(Shanghai.Select(id => Clouds.Cvm(id, "ap-shanghai")))
                .Concat(MongoGuangzhou.Select(id => Clouds.Mongo(id, "ap-guangzhou"))));

        private static List<string> Ids(RunResult r) => r.Output.Select(o => o.BaseObject).OfType<CloudInstance>().Select(x => x.InstanceId).ToList();

        private static List<CloudInstance> Instances(RunResult r) => r.Output.Select(o => o.BaseObject).OfType<CloudInstance>().ToList();

        [Theory]
        [InlineData("Get-CvmInstance", "DescribeInstances")]
        [InlineData("Get-MongoDbInstance", "DescribeDBInstances")]
        public void Pages_read_at_once_are_written_in_page_order_even_when_a_later_page_answers_first(string cmdlet, string action)
        {
            var ids = action == "DescribeInstances" ? Guangzhou : MongoGuangzhou;
            // Page 2 (offset 100) answers 1.5 s late; page 3 is requested beside it and answers first.
            Emulator.Enqueue(new FaultRule { Action = action, InstanceId = ids[100], Kind = FaultKind.SlowAfterExecution, DelayMs = 1500 });
            var r = Run(cmdlet + " -Region ap-guangzhou -Credential $tc -Endpoint $endpoint");

            Assert.Empty(r.Errors);
            Assert.Equal(ids, Ids(r));
            var reads = RenewalRequests(action);
            Assert.Equal(new[] { "0", "100", "200" }, reads.Select(q => Offset(q.Body)).OrderBy(o => o.Length).ThenBy(o => o, StringComparer.Ordinal));
            var late = reads.Single(q => q.Outcome == "SlowAfterExecution");
            var third = reads.Single(q => Offset(q.Body) == "200");
            Assert.True(third.Time < late.Time.AddMilliseconds(1500), "page 3 was requested only after page 2 answered: " + late.Time.ToString("O") + " / " + third.Time.ToString("O"));
        }

        [Fact]
        public void A_page_that_fails_ends_its_region_after_the_pages_before_it_and_the_other_region_goes_on()
        {
            // The third DescribeInstances to arrive is refused for good: both first pages go out before any later page.
            Emulator.Enqueue(new FaultRule { Action = "DescribeInstances", Kind = FaultKind.ErrorCode, Code = "UnauthorizedOperation", HttpStatus = 200, Skip = 2 });
            var r = Run("Get-CvmInstance -Region ap-guangzhou, ap-shanghai -ChargeType All -Credential $tc -Endpoint $endpoint");

            var error = Assert.Single(r.Errors);
            Assert.Equal(System.Management.Automation.ErrorCategory.ReadError, error.CategoryInfo.Category);
            Assert.StartsWith("UnauthorizedOperation", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            var failed = (string)error.TargetObject;
            var listed = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["ap-guangzhou"] = Guangzhou, ["ap-shanghai"] = Shanghai };
            var found = Instances(r);
            foreach (var (region, all) in listed)
            {
                var written = found.Where(x => x.Region == region).Select(x => x.InstanceId).ToList();
                if (region == failed)
                {
                    // Whole pages, in order, up to the one that failed; nothing after it.
                    Assert.True(written.Count % 100 == 0 && written.Count < all.Length, region + ": " + written.Count + " written");
                    Assert.Equal(all.Take(written.Count), written);
                }
                else
                {
                    Assert.Equal(all, written);
                }
            }
        }

        [Fact]
        public void Stopping_the_pipeline_early_costs_at_most_the_read_ahead_bound_of_extra_pages()
        {
            // Select-Object (Microsoft.PowerShell.Utility) is not in this host: a break stops the pipeline the same way,
            // through the cmdlet's WriteObject. Under real pwsh, tests/RenewalTools.Tests.ps1 pipes into Select-Object -First 5.
            var r = Run("$n = 0; Get-CvmInstance -Region ap-guangzhou -ChargeType All -ThrottleLimit 1 -Credential $tc -Endpoint $endpoint | ForEach-Object { if ($n -eq 5) { break }; $n++; $_ }");

            Assert.Empty(r.Errors);
            Assert.Equal(Guangzhou.Take(5), Ids(r));
            // Three pages; the first, plus at most one (-ThrottleLimit 1) read ahead of the page being written.
            Assert.InRange(RenewalRequests("DescribeInstances").Count, 1, 2);
        }

        [Fact]
        public void Ctrl_C_while_pages_are_read_ahead_stops_at_once_and_sends_nothing_more()
        {
            // Page 2 answers 5 s late while page 3 is read beside it; Stop comes once page 3 has answered (the emulator
            // records a request when it answers).
            Emulator.Enqueue(new FaultRule { Action = "DescribeInstances", InstanceId = Guangzhou[100], Kind = FaultKind.SlowAfterExecution, DelayMs = 5000 });
            var r = PS.InvokeAndStop(
                "Get-CvmInstance -Region ap-guangzhou -ChargeType All -Credential $tc -Endpoint $endpoint",
                new Dictionary<string, object?> { ["tc"] = Clouds.TencentCredential, ["endpoint"] = Emulator.BaseUri.ToString() },
                stopWhen: () => RenewalRequests("DescribeInstances").Any(q => Offset(q.Body) == "200"),
                giveUp: TimeSpan.FromSeconds(30),
                out var stopTook);

            Assert.InRange(stopTook, TimeSpan.Zero, TimeSpan.FromSeconds(2));
            Assert.Empty(r.Errors);
            // At most page 1: page 3 answered but is never written ahead of page 2, which had not.
            var written = Ids(r);
            Assert.True(written.Count == 0 || written.Count == 100, written.Count + " written");
            Assert.Equal(Guangzhou.Take(written.Count), written);
            var sent = RenewalRequests("DescribeInstances").Count;
            System.Threading.Thread.Sleep(300);
            Assert.Equal(sent, RenewalRequests("DescribeInstances").Count);
        }

        private static string Offset(string body)
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.GetProperty("Offset").GetRawText();
        }
    }
}
