using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Xml.Linq;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>The shipped format file: loads cleanly, shows the operator's columns, hides no property from export.</summary>
    public sealed class FormatViewTests
    {
        private static readonly string FormatFile = Path.Combine(RepoPaths.ModuleOutput, "RenewalTools.Format.ps1xml");
        private static readonly string[] TableColumns = { "Service", "InstanceId", "Region", "Period", "Status", "ErrorCode", "RequestId" };

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
            var table = Assert.Single(views, v => v.Element("TableControl") != null);
            Assert.Equal("RenewalTools.RenewalResult", table.Element("ViewSelectedBy")?.Element("TypeName")?.Value);
            Assert.Equal(TableColumns, table.Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value).ToArray());
            var list = Assert.Single(views, v => v.Element("ListControl") != null);
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
            // PSStyle colours the header: compare the text without its escape sequences.
            var screen = System.Text.RegularExpressions.Regex.Replace(string.Join("\n", r.HostLines), "\u001b\\[[0-9;]*m", "");
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
    }
}
