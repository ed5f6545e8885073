using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>The shipped format file: loads cleanly, shows the operator's columns, hides no property from export.</summary>
    public sealed class FormatViewTests
    {
        private static readonly string FormatFile = Path.Combine(RepoPaths.ModuleOutput, "RenewalTools.Format.ps1xml");
        private static readonly string[] TableColumns = { "Service", "InstanceId", "Region", "Period", "Status", "RequestId", "ErrorCode" };
        private const string LongErrorCode = "InvalidPeriod.ExceededMaximumExpirationDate";
        private const string GuidRequestId = "6f1b1d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f";

        [Fact]
        public void Format_file_loads_into_a_FormatTable_without_errors()
        {
            var exception = Record.Exception(() => new FormatTable(new[] { FormatFile }));
            Assert.Null(exception);
        }

        [Fact]
        public void Table_view_has_the_operator_columns_and_a_list_view_exists_for_the_result_type()
        {
            var views = XDocument.Load(FormatFile).Descendants("View").ToList();
            var table = Assert.Single(views, v => v.Element("TableControl") != null && v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == "RenewalTools.RenewalResult");
            Assert.Equal("RenewalTools.RenewalResult", table.Element("ViewSelectedBy")?.Element("TypeName")?.Value);
            Assert.Equal(TableColumns, table.Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value).ToArray());
            var list = Assert.Single(views, v => v.Element("ListControl") != null);
            Assert.Single(views, v => v.Element("TableControl") != null && v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == "RenewalTools.CloudInstance");
            Assert.Equal("RenewalTools.RenewalResult", list.Element("ViewSelectedBy")?.Element("TypeName")?.Value);
            Assert.Equal(
                typeof(RenewalResult).GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal),
                list.Descendants("ListItem").Select(i => i.Element("PropertyName")?.Value).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void A_result_on_screen_uses_the_table_view_and_keeps_every_property_for_export()
        {
            using var ps = LaidOutModule.Import();
            var r = ps.Invoke(
                "$r = [RenewalTools.RenewalResult]::new()\n" +
                "$r.Service = 'CVM'; $r.InstanceId = 'ins-demo0001'; $r.Region = 'ap-guangzhou'; $r.Period = 3; $r.PeriodUnit = 'Month'\n" +
                "$r.Status = 'Failed'; $r.ErrorCode = 'InvalidInstanceId.NotFound'; $r.RequestId = 'req-0001'; $r.Message = 'not shown in the table'\n" +
                "$r | Out-Host\n" +
                "$r.PSObject.Properties.Name");
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            var screen = WithoutEscapes(string.Join("\n", r.HostLines));
            var header = screen.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("Service", StringComparison.Ordinal));
            Assert.True(header != null, "No table header on screen:\n" + screen);
            var positions = TableColumns.Select(c => header.IndexOf(c, StringComparison.Ordinal)).ToArray();
            Assert.All(positions, p => Assert.True(p >= 0, "missing column in: " + header));
            Assert.Equal(positions.OrderBy(p => p), positions);
            Assert.Contains("3 Month", screen, StringComparison.Ordinal);
            Assert.Contains("InvalidInstanceId.NotFound", screen, StringComparison.Ordinal);
            Assert.DoesNotContain("not shown in the table", screen, StringComparison.Ordinal);
            Assert.Equal(
                typeof(RenewalResult).GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal),
                r.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Table_keeps_RequestId_whole_at_120_columns_ErrorCode_whole_when_wide_and_fits_80()
        {
            using var ps = LaidOutModule.Import();
            var at80 = OnConsoleOfWidth(ps, 80);
            var at120 = OnConsoleOfWidth(ps, 120);
            var at200 = OnConsoleOfWidth(ps, 200);

            Assert.Contains(GuidRequestId, at120, StringComparison.Ordinal);
            Assert.Contains(LongErrorCode, at200, StringComparison.Ordinal);
            Assert.Equal(TableColumns, HeaderLabels(at200));
            // At 80 columns the identifying columns stay whole, on one header line, and nothing wraps.
            Assert.All(at80.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, "longer than 80: " + line));
            Assert.Equal(TableColumns.Take(6), HeaderLabels(at80));
            Assert.Contains("MongoDB i-bp67acfmxazb4phdemo1 na-siliconvalley 12 Month Submitted", at80, StringComparison.Ordinal);
        }

        /// <summary>A result with the longest common values, shown by Out-Host on a console <paramref name="width"/> columns wide.</summary>
        private static string OnConsoleOfWidth(PowerShellRun ps, int width)
        {
            ps.Host.UI.RawUI.BufferSize = new Size(width, 50);
            ps.Host.UI.RawUI.WindowSize = new Size(width, 50);
            var r = ps.Invoke(
                "$r = [RenewalTools.RenewalResult]::new()\n" +
                "$r.Service = 'MongoDB'; $r.InstanceId = 'i-bp67acfmxazb4phdemo1'; $r.Region = 'na-siliconvalley'; $r.Period = 12; $r.PeriodUnit = 'Month'\n" +
                "$r.Status = 'Submitted'; $r.ErrorCode = $errorCode; $r.RequestId = $requestId\n" +
                "$r | Out-Host",
                new Dictionary<string, object?> { ["errorCode"] = LongErrorCode, ["requestId"] = GuidRequestId });
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            return WithoutEscapes(string.Join("\n", r.HostLines));
        }

        private static string[] HeaderLabels(string table)
        {
            var header = table.Split('\n').First(l => l.Trim().Length > 0);
            return header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        // PSStyle colours the header: compare the text without its escape sequences.
        private static string WithoutEscapes(string text) => Regex.Replace(text, "\u001b\\[[0-9;]*m", "");
    }
}
