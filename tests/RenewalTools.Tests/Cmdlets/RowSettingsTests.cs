using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    /// <summary>
    /// Issue #12 items 5 and 6: every row gets exactly one result, whatever its cells hold, and a value given on the
    /// command line never silently overrides a row's own (a -Period 12 turning a row's Period 1 into a year).
    /// </summary>
    public sealed class RowSettingsTests : EmulatorTest
    {
        private static readonly string[] Cvm = Clouds.CvmIds(40, "r");
        private static readonly string[] Ecs = Clouds.EcsIds(12, "r");
        private static readonly string[] Bulk = Clouds.CvmIds(2000, "b");

        protected override Scenario CreateScenario() =>
            Clouds.Scenario(Cvm.Concat(Bulk).Select(id => Clouds.Cvm(id)).Concat(Ecs.Select(id => Clouds.Ecs(id))));

        private RunResult RenewRows(string cmdlet, string csv, string extra = "") =>
            Run("$rows | " + cmdlet + " -Credential $" + (cmdlet == "Invoke-EcsRenewal" ? "ali" : "tc") + " -Endpoint $endpoint -Force " + extra,
                new Dictionary<string, object?> { ["rows"] = Csv.Rows(csv) });

        [Theory]
        [InlineData("1.5")]
        [InlineData("１")]
        [InlineData("abc")]
        [InlineData("1e1")]
        [InlineData("0x1")]
        [InlineData("1,000")]
        [InlineData("2147483648")]
        [InlineData("٣")]
        [InlineData("1.0")]
        public void A_period_cell_that_is_not_a_whole_number_gets_its_own_InvalidInput_result(string period)
        {
            var csv = "InstanceId,Region,Period\n" + Cvm[0] + ",ap-guangzhou,\"" + period + "\"\n" + Cvm[1] + ",ap-guangzhou,1\n";
            var r = RenewRows("Invoke-CvmRenewal", csv);

            Assert.Equal(2, r.Results.Count);
            var bad = Assert.Single(r.Results, x => x.InstanceId == Cvm[0]);
            Assert.Equal(RenewalStatus.Failed, bad.Status);
            Assert.Equal("InvalidInput", bad.ErrorCode);
            Assert.Contains(period, bad.Message, StringComparison.Ordinal);
            var error = Assert.Single(r.Errors);
            Assert.Contains(Cvm[0], error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(RenewalStatus.Submitted, r.Results.Single(x => x.InstanceId == Cvm[1]).Status);
            Assert.DoesNotContain(Emulator.Requests, q => q.InstanceIds.Contains(Cvm[0]));
        }

        [Theory]
        [InlineData("RenewFlag", "AUTO")]
        [InlineData("RenewFlag", "yes")]
        [InlineData("RenewPortableDataDisk", "maybe")]
        public void A_Tencent_setting_cell_the_API_does_not_know_gets_its_own_result(string column, string value)
        {
            var csv = "InstanceId,Region,Period," + column + "\n" + Cvm[2] + ",ap-guangzhou,1," + value + "\n";
            var r = RenewRows("Invoke-CvmRenewal", csv);

            var result = Assert.Single(r.Results);
            Assert.Equal(("InvalidInput", RenewalStatus.Failed), (result.ErrorCode, result.Status));
            Assert.Contains(value, result.Message, StringComparison.Ordinal);
            Assert.Contains(column, result.Message, StringComparison.Ordinal);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void Empty_cells_are_missing_columns_and_flags_are_sent_in_the_API_spelling()
        {
            var csv = "InstanceId,Region,Period,RenewFlag,RenewPortableDataDisk\n"
                + Cvm[3] + ",ap-guangzhou,1,,\n"
                + Cvm[4] + ",ap-guangzhou,1,notify_and_auto_renew ,false\n";
            Run(NoDefaultFlags);
            var r = RenewRows("Invoke-CvmRenewal", csv);

            Assert.Empty(r.Errors);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Submitted, x.Status));
            var renewals = Emulator.Requests.Where(q => q.Action == "RenewInstances").ToList();
            var flagged = Assert.Single(renewals, q => q.InstanceIds.Contains(Cvm[4]));
            Assert.Contains("\"RenewFlag\":\"NOTIFY_AND_AUTO_RENEW\"", flagged.Body, StringComparison.Ordinal);
            Assert.Contains("\"RenewPortableDataDisk\":false", flagged.Body, StringComparison.Ordinal);
            // A row without a flag keeps the instance's own (read first, even with -NoWait): never the documented default by omission.
            var plain = Assert.Single(renewals, q => q.InstanceIds.Contains(Cvm[3]));
            Assert.Contains("\"RenewFlag\":\"NOTIFY_AND_MANUAL_RENEW\"", plain.Body, StringComparison.Ordinal);
            Assert.Single(Emulator.Requests, q => q.Action == "DescribeInstances" && q.InstanceIds.SequenceEqual(new[] { Cvm[3] }));
        }

        [Theory]
        [InlineData("", RenewalStatus.Renewed)]
        [InlineData("Week ", RenewalStatus.Renewed)]
        [InlineData("Months", RenewalStatus.Failed)]
        public void An_ECS_PeriodUnit_cell_is_read_by_the_module_never_dropped(string unit, RenewalStatus expected)
        {
            var csv = "InstanceId,RegionId,Period,PeriodUnit\n" + Ecs[0] + ",cn-hangzhou,1,\"" + unit + "\"\n";
            var r = RenewRows("Invoke-EcsRenewal", csv);

            var result = Assert.Single(r.Results);
            Assert.Equal(expected, result.Status);
            if (expected == RenewalStatus.Failed)
            {
                Assert.Equal("InvalidInput", result.ErrorCode);
                Assert.Contains("Months", result.Message, StringComparison.Ordinal);
                Assert.Empty(Emulator.Requests);
            }
            else
            {
                Assert.Equal(unit.Trim().Length == 0 ? "Month" : "Week", result.PeriodUnit);
            }
        }

        [Fact]
        public void WhatIf_lists_every_valid_row_and_reports_every_bad_one()
        {
            var csv = "InstanceId,RegionId,Period,PeriodUnit\n" + Ecs[1] + ",cn-hangzhou,1,\n" + Ecs[2] + ",cn-hangzhou,1,Week \n" + Ecs[3] + ",cn-hangzhou,1,Months\n";
            var r = Run("$rows | Invoke-EcsRenewal -Endpoint $endpoint -WhatIf", new Dictionary<string, object?> { ["rows"] = Csv.Rows(csv) });

            Assert.Equal(2, r.HostLines.Count(l => l.Contains("What if", StringComparison.Ordinal)));
            var bad = Assert.Single(r.Results);
            Assert.Equal(Ecs[3], bad.InstanceId);
            Assert.Empty(Emulator.Requests);
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal", "InstanceId,Region,Period\n{0},ap-guangzhou,1\n", "-Region ap-guangzhou -Period 12", "Period", "'1'", "'12'")]
        [InlineData("Invoke-CvmRenewal", "InstanceId,Region,Period\n{0},ap-shanghai,1\n", "-Region ap-guangzhou", "Region", "'ap-shanghai'", "'ap-guangzhou'")]
        [InlineData("Invoke-CvmRenewal", "InstanceId,Region,Period,RenewFlag\n{0},ap-guangzhou,1,NOTIFY_AND_MANUAL_RENEW\n", "-RenewFlag NOTIFY_AND_AUTO_RENEW", "RenewFlag", "NOTIFY_AND_MANUAL_RENEW", "NOTIFY_AND_AUTO_RENEW")]
        [InlineData("Invoke-EcsRenewal", "InstanceId,RegionId,Period,PeriodUnit\n{0},cn-hangzhou,2,Week\n", "-Period 1 -PeriodUnit Month", "Period", "'2'", "'1'")]
        [InlineData("Invoke-EcsRenewal", "InstanceId,RegionId,Period,PeriodUnit\n{0},cn-hangzhou,1,Week\n", "-PeriodUnit Month", "PeriodUnit", "'Week'", "'Month'")]
        [InlineData("Invoke-EcsRenewal", "InstanceId,RegionId,ExpectedRenewDay\n{0},cn-hangzhou,5\n", "-ExpectedRenewDay 6", "ExpectedRenewDay", "'5'", "'6'")]
        public void A_row_that_disagrees_with_the_command_line_is_refused_with_InputConflict(string cmdlet, string csvFormat, string commandLine, string name, string rowValue, string commandLineValue)
        {
            var id = cmdlet == "Invoke-EcsRenewal" ? Ecs[4] : Cvm[5];
            var r = RenewRows(cmdlet, string.Format(CultureInfo.InvariantCulture, csvFormat, id), commandLine);

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Failed, result.Status);
            Assert.Equal("InputConflict", result.ErrorCode);
            Assert.Contains(name, result.Message, StringComparison.Ordinal);
            Assert.Contains(rowValue, result.Message, StringComparison.Ordinal);
            Assert.Contains(commandLineValue, result.Message, StringComparison.Ordinal);
            Assert.StartsWith("InputConflict,", Assert.Single(r.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void Command_line_values_fill_rows_that_lack_the_column_and_agreeing_rows_proceed()
        {
            var csv = "InstanceId,Region,Period\n" + Cvm[6] + ",,\n" + Cvm[7] + ",ap-guangzhou,3\n" + Cvm[8] + ",,3\n";
            var r = RenewRows("Invoke-CvmRenewal", csv, "-Region ap-guangzhou -Period 3");

            Assert.Empty(r.Errors);
            Assert.Equal(3, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal((RenewalStatus.Submitted, (int?)3, "ap-guangzhou"), (x.Status, x.Period, x.Region)));
        }

        [Fact]
        public void PSDefaultParameterValues_count_as_the_command_line()
        {
            var r = Run("$PSDefaultParameterValues['Invoke-CvmRenewal:Period'] = 12; $rows | Invoke-CvmRenewal -Credential $tc -Endpoint $endpoint -Force",
                new Dictionary<string, object?> { ["rows"] = Csv.Rows("InstanceId,Region,Period\n" + Cvm[9] + ",ap-guangzhou,1\n" + Cvm[10] + ",ap-guangzhou,\n") });

            Assert.Equal("InputConflict", r.Results.Single(x => x.InstanceId == Cvm[9]).ErrorCode);
            Assert.Equal((RenewalStatus.Submitted, (int?)12), r.Results.Where(x => x.InstanceId == Cvm[10]).Select(x => (x.Status, x.Period)).Single());
        }

        /// <summary>A large file of mixed good and bad rows: one result per row, nothing sent for a bad one.</summary>
        [Fact]
        public void Two_thousand_rows_with_bad_cells_give_two_thousand_results()
        {
            var bad = new[] { "1.5", "abc", "１", "0x1", "", "1e1", "2147483648", " " };
            var csv = new StringBuilder("InstanceId,Region,Period,RenewFlag\n");
            for (var i = 0; i < Bulk.Length; i++)
            {
                var period = i % 4 == 0 ? bad[(i / 4) % bad.Length] : "1";
                var flag = i % 7 == 0 ? "SOMETIMES" : "";
                csv.Append(Bulk[i]).Append(",ap-guangzhou,\"").Append(period).Append("\",").Append(flag).Append('\n');
            }
            var r = RenewRows("Invoke-CvmRenewal", csv.ToString(), "-ErrorAction SilentlyContinue");

            Assert.Equal(Bulk.Length, r.Results.Count);
            Assert.Equal(Bulk.OrderBy(x => x, StringComparer.Ordinal), r.Results.Select(x => x.InstanceId).OrderBy(x => x, StringComparer.Ordinal));
            var refused = r.Results.Where(x => x.Status == RenewalStatus.Failed).Select(x => x.InstanceId).ToHashSet();
            var sent = Emulator.Requests.SelectMany(q => q.InstanceIds).ToHashSet();
            Assert.Empty(refused.Intersect(sent));
            Assert.All(r.Results.Where(x => x.Status == RenewalStatus.Failed), x => Assert.True(x.ErrorCode is "InvalidInput", x.InstanceId + " " + x.ErrorCode));
        }
    }
}
