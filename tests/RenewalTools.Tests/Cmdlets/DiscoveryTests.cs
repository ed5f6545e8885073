using System;
using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    /// <summary>Issue #10 item 1: Get-CvmInstance, Get-MongoDbInstance, Get-EcsInstance against the emulator's Describe actions.</summary>
    public sealed class DiscoveryTests : EmulatorTest
    {
        private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
        private static readonly string[] Guangzhou = Clouds.CvmIds(250, "g");
        private static readonly string[] Shanghai = Clouds.CvmIds(30, "s");

        protected override Scenario CreateScenario()
        {
            var instances = new List<EmulatedInstance>();
            // Guangzhou: every 5th postpaid; the others expire -2..47 days from now by index (some already expired).
            for (var i = 0; i < Guangzhou.Length; i++)
            {
                var instance = Clouds.Instance(Guangzhou[i], "cvm", "ap-guangzhou", i % 5 == 0 ? "POSTPAID_BY_HOUR" : "PREPAID");
                instance.Expiry = Now.AddDays(i % 50 - 2).AddHours(1);
                instances.Add(instance);
            }
            instances.AddRange(Shanghai.Select(id => WithExpiry(Clouds.Cvm(id, "ap-shanghai"), Now.AddDays(10))));
            instances.Add(WithExpiry(Clouds.Mongo("cmgo-disc0001"), Now.AddDays(5)));
            instances.Add(WithExpiry(Clouds.Mongo("cmgo-disc0002"), Now.AddDays(90)));
            instances.Add(WithExpiry(Clouds.Instance("cmgo-disc0003", "mongodb", "ap-guangzhou", "POSTPAID_BY_HOUR"), Now.AddDays(5)));
            instances.Add(WithExpiry(Clouds.Ecs("i-bpdisc00000000000001"), new DateTimeOffset(2027, 1, 10, 9, 41, 30, TimeSpan.Zero)));
            instances.Add(WithExpiry(Clouds.Instance("i-bpdisc00000000000002", "ecs", "cn-hangzhou", "PostPaid"), Now.AddDays(3)));
            return Clouds.Scenario(instances);
        }

        private static EmulatedInstance WithExpiry(EmulatedInstance instance, DateTimeOffset expiry)
        {
            instance.Expiry = expiry;
            return instance;
        }

        private List<CloudInstance> Instances(RunResult r) => r.Output.Select(o => o.BaseObject).OfType<CloudInstance>().ToList();

        [Fact]
        public void Get_CvmInstance_lists_the_prepaid_instances_of_every_region_page_by_page()
        {
            var r = Run("Get-CvmInstance -Region ap-guangzhou, ap-shanghai -Credential $tc -Endpoint $endpoint");

            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            var found = Instances(r);
            var prepaidGuangzhou = Guangzhou.Where((_, i) => i % 5 != 0).ToList();
            Assert.Equal(prepaidGuangzhou.Concat(Shanghai).OrderBy(x => x, StringComparer.Ordinal), found.Select(x => x.InstanceId).OrderBy(x => x, StringComparer.Ordinal));
            Assert.All(found, x => Assert.Equal("Prepaid", x.ChargeType));
            Assert.All(found, x => Assert.Equal(TimeSpan.Zero, x.ExpiresAt!.Value.Offset));
            var requests = Emulator.Requests.Where(q => q.Action == "DescribeInstances").ToList();
            // 200 prepaid in Guangzhou: two pages of 100; Shanghai: one.
            Assert.Equal(3, requests.Count);
            Assert.All(requests, q => Assert.Contains("instance-charge-type", q.Body, StringComparison.Ordinal));
        }

        [Fact]
        public void ExpiringWithinDays_keeps_the_due_prepaid_instances_including_already_expired_ones()
        {
            var r = Run("Get-CvmInstance -Region ap-guangzhou -ExpiringWithinDays 7 -Credential $tc -Endpoint $endpoint");

            var found = Instances(r);
            Assert.NotEmpty(found);
            Assert.All(found, x => Assert.True(x.ExpiresAt <= DateTimeOffset.UtcNow.AddDays(7), x.ToString()));
            Assert.Contains(found, x => x.DaysLeft < 0);
            var expected = Guangzhou.Where((_, i) => i % 5 != 0 && i % 50 - 2 < 7).ToHashSet();
            Assert.Equal(expected.OrderBy(x => x), found.Select(x => x.InstanceId).OrderBy(x => x));
        }

        [Fact]
        public void ChargeType_All_includes_postpaid_instances_without_an_expiry()
        {
            var r = Run("Get-CvmInstance -Region ap-guangzhou -ChargeType All -Credential $tc -Endpoint $endpoint");

            var found = Instances(r);
            Assert.Equal(Guangzhou.Length, found.Count);
            var postpaid = found.Where(x => x.ChargeType == "Postpaid").ToList();
            Assert.Equal(50, postpaid.Count);
            Assert.All(postpaid, x => Assert.Null(x.ExpiresAt));
        }

        [Fact]
        public void Piped_ids_are_looked_up_by_id_without_filters_and_a_refused_id_does_not_hide_the_others()
        {
            var r = Run("'" + Guangzhou[1] + "', '" + Guangzhou[5] + "', 'ins-nothere1', 'ins-bad' | Get-CvmInstance -Region ap-guangzhou -ChargeType All -Credential $tc -Endpoint $endpoint");

            Assert.True(new[] { Guangzhou[1], Guangzhou[5] }.OrderBy(x => x).SequenceEqual(Instances(r).Select(x => x.InstanceId).OrderBy(x => x)), string.Join(",", Instances(r).Select(x => x.InstanceId)) + string.Join(";", r.Errors.Select(e => e.ToString())) + r.Terminating);
            // The malformed ID is isolated by splitting, as a renewal batch is; no ID request carries Filters.
            Assert.All(Emulator.Requests, q => Assert.DoesNotContain("Filters", q.Body, StringComparison.Ordinal));
            // An ID asked for and not found is an error naming it, never a silent gap.
            Assert.Equal(new[] { "ins-bad", "ins-nothere1" }, r.Errors.Select(e => (string)e.TargetObject).OrderBy(x => x, StringComparer.Ordinal));
            Assert.All(r.Errors, e =>
            {
                Assert.StartsWith("InstanceNotFound", e.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
                Assert.Contains("ap-guangzhou", e.Exception.Message, StringComparison.Ordinal);
            });
        }

        [Fact]
        public void Piped_rows_are_looked_up_in_their_own_region()
        {
            // No -Region and no default region: each row's Region column says where to look.
            var r = Run("$rows | Get-CvmInstance -Credential $tc -Endpoint $endpoint", new Dictionary<string, object?>
            {
                ["rows"] = new object[]
                {
                    Row(Guangzhou[1], "ap-guangzhou"),
                    Row(Shanghai[0], "ap-shanghai"),
                    Row(Shanghai[1], " ap-shanghai "),
                },
            });

            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            Assert.Equal(new[] { Guangzhou[1] + "@ap-guangzhou", Shanghai[0] + "@ap-shanghai", Shanghai[1] + "@ap-shanghai" },
                Instances(r).Select(x => x.InstanceId + "@" + x.Region).OrderBy(x => x, StringComparer.Ordinal));
            // One read per region, each asking only for its own IDs.
            var reads = RenewalRequests("DescribeInstances");
            Assert.Equal(2, reads.Count);
            Assert.Equal(new[] { Shanghai[0], Shanghai[1] }, reads.Single(q => q.Headers["x-tc-region"] == "ap-shanghai").InstanceIds.OrderBy(x => x, StringComparer.Ordinal));
        }

        [Fact]
        public void A_row_region_outside_the_Region_list_is_an_InputConflict_and_is_not_read()
        {
            var r = Run("$rows | Get-CvmInstance -Region ap-guangzhou -Credential $tc -Endpoint $endpoint", new Dictionary<string, object?>
            {
                ["rows"] = new object[] { Row(Guangzhou[1], "ap-guangzhou"), Row(Shanghai[0], "ap-shanghai") },
            });

            Assert.Equal(Guangzhou[1], Assert.Single(Instances(r)).InstanceId);
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("InputConflict", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("ap-shanghai", error.Exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Emulator.Requests, q => q.InstanceIds.Contains(Shanghai[0]));
        }

        [Fact]
        public void An_asked_for_postpaid_instance_is_not_listed_but_says_why()
        {
            var r = Run("Get-CvmInstance -InstanceId " + Guangzhou[0] + ", " + Guangzhou[1] + " -Region ap-guangzhou -Credential $tc -Endpoint $endpoint");

            Assert.Equal(Guangzhou[1], Assert.Single(Instances(r)).InstanceId);
            Assert.Empty(r.Errors);
            Assert.Contains(r.Warnings, w => w.Message.StartsWith(Guangzhou[0] + " is Postpaid", StringComparison.Ordinal));
        }

        private static System.Management.Automation.PSObject Row(string id, string region)
        {
            var row = new System.Management.Automation.PSObject();
            row.Properties.Add(new System.Management.Automation.PSNoteProperty("InstanceId", id));
            row.Properties.Add(new System.Management.Automation.PSNoteProperty("Region", region));
            return row;
        }

        [Fact]
        public void Get_MongoDbInstance_reads_DeadLine_as_China_time_and_skips_postpaid()
        {
            var r = Run("Get-MongoDbInstance -Region ap-guangzhou -Credential $tc -Endpoint $endpoint");

            var found = Instances(r);
            Assert.Equal(new[] { "cmgo-disc0001", "cmgo-disc0002" }, found.Select(x => x.InstanceId).OrderBy(x => x));
            var soon = found.Single(x => x.InstanceId == "cmgo-disc0001");
            Assert.InRange((soon.ExpiresAt!.Value - Now.AddDays(5)).Duration(), TimeSpan.Zero, TimeSpan.FromMinutes(2));
            Assert.Equal("MongoDB", soon.Service);
        }

        [Fact]
        public void Get_EcsInstance_parses_minute_precision_and_skips_postpaid()
        {
            var r = Run("Get-EcsInstance -Region cn-hangzhou -Credential $ali -Endpoint $endpoint");

            var found = Assert.Single(Instances(r));
            Assert.Equal("i-bpdisc00000000000001", found.InstanceId);
            Assert.Equal(new DateTimeOffset(2027, 1, 10, 9, 41, 0, TimeSpan.Zero), found.ExpiresAt);
        }

        [Fact]
        public void A_region_that_fails_gives_one_error_and_the_others_go_on()
        {
            Emulator.Enqueue(new FaultRule { Action = "DescribeInstances", Kind = FaultKind.ErrorCode, Code = "UnauthorizedOperation", HttpStatus = 200, Times = 1 });
            var r = Run("Get-CvmInstance -Region ap-shanghai -Credential $tc -Endpoint $endpoint; Get-CvmInstance -Region ap-shanghai -Credential $tc -Endpoint $endpoint");

            Assert.Single(r.Errors);
            Assert.Contains("ap-shanghai", r.Errors[0].Exception.Message, StringComparison.Ordinal);
            Assert.Equal(Shanghai.Length, Instances(r).Count);
        }

        [Fact]
        public void Reads_are_retried_when_throttled_or_dropped()
        {
            Emulator.Enqueue(new FaultRule { Action = "DescribeInstances", Kind = FaultKind.Throttle, Times = 2 });
            Emulator.Enqueue(new FaultRule { Action = "DescribeInstances", Kind = FaultKind.DropAfterExecution, Times = 1 });
            var r = Run("Get-CvmInstance -Region ap-shanghai -Credential $tc -Endpoint $endpoint");

            Assert.Empty(r.Errors);
            Assert.Equal(Shanghai.Length, Instances(r).Count);
        }

        [Fact]
        public void Discovered_instances_pipe_into_the_renewal_and_renew_exactly_those()
        {
            var r = Run("Get-CvmInstance -Region ap-shanghai, ap-guangzhou -ExpiringWithinDays 3 -Credential $tc -Endpoint $endpoint | Invoke-CvmRenewal -Period 1 -Credential $tc -Endpoint $endpoint -Force");

            var due = Guangzhou.Where((_, i) => i % 5 != 0 && i % 50 - 2 < 3).ToHashSet();
            var results = r.Results;
            Assert.Equal(due.OrderBy(x => x), results.Select(x => x.InstanceId).OrderBy(x => x));
            Assert.All(results, x => Assert.Equal("ap-guangzhou", x.Region));
            Assert.All(due, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            Assert.All(Shanghai, id => Assert.Equal(0, Emulator.RenewalCount(id)));
        }

        [Theory]
        [InlineData("@()")]
        [InlineData("'not an id'")]
        public void An_empty_or_unusable_pipeline_lists_nothing_rather_than_the_whole_region(string input)
        {
            var r = Run(input + " | Get-CvmInstance -Region ap-guangzhou -Credential $tc -Endpoint $endpoint -ErrorAction SilentlyContinue | Invoke-CvmRenewal -Period 1 -Credential $tc -Endpoint $endpoint -Force");

            Assert.Empty(r.Results);
            Assert.Contains(r.Warnings, w => w.Message.Contains("nothing was listed", StringComparison.Ordinal));
            Assert.DoesNotContain(Emulator.Requests, q => q.Action == "RenewInstances");
        }

        [Fact]
        public void No_region_is_a_clear_error_before_any_request()
        {
            var r = Run("Get-CvmInstance -Credential $tc -Endpoint $endpoint");

            var record = (r.Terminating as System.Management.Automation.IContainsErrorRecord)?.ErrorRecord ?? Assert.Single(r.Errors);
            Assert.Contains("TENCENTCLOUD_REGION", record.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(Emulator.Requests);
        }
    }
}
