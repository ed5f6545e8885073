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
    /// <summary>
    /// The shipped format file: loads cleanly, leads each table with what was proven (the expiry change, the price, what
    /// is due), stays readable at 80 and 120 columns, and hides no property from export.
    /// </summary>
    public sealed class FormatViewTests
    {
        private static readonly string FormatFile = Path.Combine(RepoPaths.ModuleOutput, "RenewalTools.Format.ps1xml");
        private const string ExpiryChange = "PreviousExpiry -> NewExpiry (UTC) or ErrorCode";
        private static readonly string[] RenewalColumns = { "InstanceId", "Status", ExpiryChange, "Region", "Period", "Service" };
        private static readonly string[] QuoteColumns = { "InstanceId", "Period", "Price", "Currency", "ErrorCode", "Region", "OriginalPrice", "Service" };
        private static readonly string[] InstanceColumns = { "InstanceId", "ExpiresAt (UTC)", "DaysLeft", "Region", "State", "AutoRenew", "ChargeType", "Service", "Name" };
        private const string PolicyChange = "PreviousPolicy -> CurrentPolicy or ErrorCode";
        private static readonly string[] PolicyColumns = { "InstanceId", "Status", PolicyChange, "Region", "Service" };
        private const string LongPolicyErrorCode = "OperationDenied.InstanceOperationInProgress";
        private const string LongErrorCode = "InvalidPeriod.ExceededMaximumExpirationDate";
        private const string GuidRequestId = "6f1b1d4e-2c3a-4b5d-9e8f-0a1b2c3d4e5f";

        private const string ResultScript =
            "$r = [RenewalTools.RenewalResult]::new()\n" +
            "$r.Service = 'MongoDB'; $r.InstanceId = 'i-bp67acfmxazb4phdemo1'; $r.Region = 'na-siliconvalley'; $r.Period = 12; $r.PeriodUnit = 'Month'\n" +
            "$r.Status = 'Renewed'; $r.RequestId = '" + GuidRequestId + "'\n" +
            "$r.PreviousExpiry = [datetimeoffset]'2027-01-31T16:00:00Z'; $r.NewExpiry = [datetimeoffset]'2028-01-31T16:00:00Z'\n" +
            "$f = [RenewalTools.RenewalResult]::new()\n" +
            "$f.Service = 'CVM'; $f.InstanceId = 'ins-demo0003'; $f.Region = 'ap-guangzhou'; $f.Period = 1; $f.PeriodUnit = 'Month'\n" +
            "$f.Status = 'Failed'; $f.ErrorCode = '" + LongErrorCode + "'\n" +
            "$r, $f | Out-Host";

        private const string QuoteScript =
            "$q = [RenewalTools.RenewalQuote]::new()\n" +
            "$q.Service = 'MongoDB'; $q.InstanceId = 'i-bp67acfmxazb4phdemo1'; $q.Region = 'na-siliconvalley'; $q.Period = 12; $q.PeriodUnit = 'Month'\n" +
            "$q.Price = 12345.5; $q.OriginalPrice = 23456.5; $q.Currency = 'CNY'\n" +
            "$n = [RenewalTools.RenewalQuote]::new()\n" +
            "$n.Service = 'CVM'; $n.InstanceId = 'ins-demo0003'; $n.Region = 'ap-guangzhou'; $n.Period = 1; $n.PeriodUnit = 'Month'; $n.ErrorCode = 'InvalidInstanceId.NotFound'\n" +
            "$q, $n | Out-Host";

        private const string InstanceScript =
            "$i = [RenewalTools.CloudInstance]::new()\n" +
            "$i.Service = 'ECS'; $i.InstanceId = 'i-bp67acfmxazb4phdemo1'; $i.Region = 'na-siliconvalley'; $i.ChargeType = 'Prepaid'; $i.State = 'Running'\n" +
            "$i.ExpiresAt = [datetimeoffset]'2027-01-31T16:00:00Z'; $i.DaysLeft = -3; $i.Name = 'shop-ecs-1'; $i.AutoRenew = 'NoRenewal'\n" +
            "$i | Out-Host";

        private const string PolicyScript =
            "$c = [RenewalTools.AutoRenewResult]::new()\n" +
            "$c.Service = 'ECS'; $c.InstanceId = 'i-bp67acfmxazb4phdemo1'; $c.Region = 'na-siliconvalley'; $c.Status = 'Changed'; $c.RequestId = '" + GuidRequestId + "'\n" +
            "$c.PreviousPolicy = 'NoRenewal'; $c.Policy = 'AutoRenew'; $c.CurrentPolicy = 'AutoRenew'; $c.Duration = 60; $c.PeriodUnit = 'Month'\n" +
            "$f = [RenewalTools.AutoRenewResult]::new()\n" +
            "$f.Service = 'CVM'; $f.InstanceId = 'ins-demo0003'; $f.Region = 'ap-guangzhou'; $f.Status = 'Failed'; $f.Policy = 'Manual'; $f.ErrorCode = '" + LongPolicyErrorCode + "'\n" +
            "$s = [RenewalTools.AutoRenewResult]::new()\n" +
            "$s.Service = 'MongoDB'; $s.InstanceId = 'cmgo-demo0004'; $s.Region = 'ap-guangzhou'; $s.Status = 'Submitted'; $s.PreviousPolicy = 'Manual'; $s.Policy = 'AutoRenew'\n" +
            "$c, $f, $s | Out-Host";

        [Fact]
        public void Format_file_loads_into_a_FormatTable_without_errors()
        {
            var exception = Record.Exception(() => new FormatTable(new[] { FormatFile }));
            Assert.Null(exception);
        }

        [Fact]
        public void Each_output_type_has_one_table_view_with_its_columns_and_the_result_a_list_view_of_every_property()
        {
            var views = XDocument.Load(FormatFile).Descendants("View").ToList();
            Assert.Equal(RenewalColumns, TableLabels(views, "RenewalTools.RenewalResult"));
            Assert.Equal(QuoteColumns, TableLabels(views, "RenewalTools.RenewalQuote"));
            Assert.Equal(InstanceColumns, TableLabels(views, "RenewalTools.CloudInstance"));
            Assert.Equal(PolicyColumns, TableLabels(views, "RenewalTools.AutoRenewResult"));
            var lists = views.Where(v => v.Element("ListControl") != null).ToList();
            Assert.Equal(new[] { "RenewalTools.AutoRenewResult", "RenewalTools.RenewalResult" }, lists.Select(l => l.Element("ViewSelectedBy")?.Element("TypeName")?.Value).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var type in new[] { typeof(RenewalResult), typeof(AutoRenewResult) })
            {
                var list = lists.Single(l => l.Element("ViewSelectedBy")?.Element("TypeName")?.Value == type.FullName);
                Assert.Equal(
                    type.GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal),
                    list.Descendants("ListItem").Select(i => i.Element("PropertyName")?.Value).OrderBy(n => n, StringComparer.Ordinal));
            }
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
            Assert.Equal(RenewalColumns, HeaderLabels(screen, RenewalColumns));
            Assert.Contains("3 Month", screen, StringComparison.Ordinal);
            Assert.Contains("InvalidInstanceId.NotFound", screen, StringComparison.Ordinal);
            Assert.DoesNotContain("not shown in the table", screen, StringComparison.Ordinal);
            Assert.Equal(
                typeof(RenewalResult).GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal),
                r.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData("RenewalTools.RenewalResult")]
        [InlineData("RenewalTools.RenewalQuote")]
        [InlineData("RenewalTools.CloudInstance")]
        [InlineData("RenewalTools.AutoRenewResult")]
        public void Each_table_leads_with_what_was_proven_at_80_columns_and_adds_the_rest_at_120(string typeName)
        {
            var (script, columns, leading, at80, at120, hidden) = Table(typeName);
            using var ps = LaidOutModule.Import();
            var narrow = OnConsoleOfWidth(ps, 80, script);
            var wide = OnConsoleOfWidth(ps, 120, script);

            // At 80 columns the leading columns fill the console exactly and the rest are left out, not squeezed.
            Assert.Equal(columns.Take(leading), HeaderLabels(narrow, columns));
            Assert.Equal(columns, HeaderLabels(wide, columns));
            Assert.All(at80, text => Assert.Contains(text, narrow, StringComparison.Ordinal));
            Assert.All(at80.Concat(at120), text => Assert.Contains(text, wide, StringComparison.Ordinal));
            Assert.All(hidden, text => Assert.DoesNotContain(text, narrow + wide, StringComparison.Ordinal));
        }

        /// <summary>
        /// For each table view: the script that shows two objects with the longest common values, the view's columns, how
        /// many of them fit 80 columns, what must show at 80 and (also) at 120, and what the table leaves to Format-List.
        /// </summary>
        private static (string Script, string[] Columns, int Leading, string[] At80, string[] At120, string[] Hidden) Table(string typeName) => typeName switch
        {
            "RenewalTools.RenewalResult" => (ResultScript, RenewalColumns, 3,
                new[] { "i-bp67acfmxazb4phdemo1 Renewed   2027-01-31 16:00 -> 2028-01-31 16:00", "ins-demo0003           Failed    " + LongErrorCode },
                new[] { "na-siliconvalley 12 Month MongoDB" },
                new[] { GuidRequestId }),
            "RenewalTools.RenewalQuote" => (QuoteScript, QuoteColumns, 5,
                new[] { "i-bp67acfmxazb4phdemo1 12 Month    12345.50 CNY", "InvalidInstanceId.NotFound" },
                new[] { "na-siliconvalley      23456.50 MongoDB" },
                Array.Empty<string>()),
            "RenewalTools.AutoRenewResult" => (PolicyScript, PolicyColumns, 3,
                new[] { "i-bp67acfmxazb4phdemo1 Changed   NoRenewal -> AutoRenew (60 Month)", "ins-demo0003           Failed    " + LongPolicyErrorCode, "cmgo-demo0004          Submitted Manual -> ?" },
                new[] { "na-siliconvalley ECS" },
                new[] { GuidRequestId }),
            _ => (InstanceScript, InstanceColumns, 5,
                new[] { "i-bp67acfmxazb4phdemo1 2027-01-31 16:00       -3 na-siliconvalley Running" },
                new[] { "NoRenewal Prepaid    ECS     shop-ecs-1" },
                Array.Empty<string>()),
        };

        private static string[] TableLabels(List<XElement> views, string typeName) =>
            Assert.Single(views, v => v.Element("TableControl") != null && v.Element("ViewSelectedBy")?.Element("TypeName")?.Value == typeName)
                .Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value ?? "").ToArray();

        /// <summary>
        /// Script's output, shown by Out-Host on a console <paramref name="width"/> columns wide; fails if a line is wider
        /// than the console or a header wraps.
        /// </summary>
        private static string OnConsoleOfWidth(PowerShellRun ps, int width, string script)
        {
            ps.Host.UI.RawUI.BufferSize = new Size(width, 50);
            ps.Host.UI.RawUI.WindowSize = new Size(width, 50);
            var r = ps.Invoke(script);
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            var screen = WithoutEscapes(string.Join("\n", r.HostLines));
            Assert.All(screen.Split('\n'), line => Assert.True(line.TrimEnd().Length <= width, "longer than " + width + ": " + line));
            return screen;
        }

        /// <summary>The labels of <paramref name="labels"/> that the table's header line shows, in the order shown.</summary>
        private static string[] HeaderLabels(string table, string[] labels)
        {
            var header = table.Split('\n').First(l => l.Trim().Length > 0);
            var shown = labels.Select(label => (Label: label, At: Regex.Match(header, "(?<=^|\\s)" + Regex.Escape(label) + "(?=\\s|$)")))
                .Where(x => x.At.Success).OrderBy(x => x.At.Index).Select(x => x.Label).ToArray();
            // What the header shows besides the labels (a wrapped or cut label) would fail here.
            Assert.Equal(string.Join(" ", shown), Regex.Replace(header.Trim(), "\\s+", " "));
            return shown;
        }

        // PSStyle colours the header: compare the text without its escape sequences.
        private static string WithoutEscapes(string text) => Regex.Replace(text, "\u001b\\[[0-9;]*m", "");
    }
}
