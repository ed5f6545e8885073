using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>
    /// Issue #5 item 8: a seeded set of well over 1,000 malformed inputs across the three cmdlets. Every input must end
    /// in exactly one accounted outcome (renewed, sent with a warning, duplicate, or a clear per-row error from the module
    /// or from PowerShell's binder), no bad row may reach the emulator, and nothing may terminate the pipeline.
    /// </summary>
    public sealed class BadInputProofTests : EmulatorTest
    {
        private const int Seed = 20240605;
        private readonly ITestOutputHelper _output;

        public BadInputProofTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override Scenario CreateScenario()
        {
            var scenario = Clouds.Scenario(Array.Empty<EmulatedInstance>());
            scenario.AutoCreateInstances = true;
            return scenario;
        }

        [Fact]
        public void Every_malformed_input_gets_one_clear_outcome_and_no_bad_row_is_sent()
        {
            var clock = Stopwatch.StartNew();
            var generator = new BadInputGenerator(new Random(Seed));
            var plans = new[] { generator.Cvm(), generator.MongoDb(), generator.Ecs() };
            var violations = new List<string>();
            var all = new List<GeneratedInput>();

            foreach (var plan in plans)
            {
                foreach (var pipeline in plan.Pipelines)
                {
                    var piped = pipeline.Inputs.Where(i => i.Expect != Expect.NoRow).Select(i => i.Value).ToArray();
                    // Rows with their own RenewFlag: no default flag here; rows without one keep the instance's (read first).
                    var run = Run(NoDefaultFlags + "$rows | " + plan.Cmdlet + " -Force -Endpoint $endpoint " + pipeline.Arguments, new Dictionary<string, object?> { ["rows"] = piped });
                    if (run.Terminating != null)
                    {
                        violations.Add(plan.Cmdlet + " " + pipeline.Name + ": terminating error " + run.Terminating.Message);
                    }
                    OutcomeMatcher.Match(plan.Cmdlet + " " + pipeline.Name, pipeline.Inputs, run, violations);
                    all.AddRange(pipeline.Inputs);
                }
            }

            var mayBeSent = new HashSet<string>(all.Where(i => i.Expect is Expect.Renewed or Expect.Warned or Expect.Duplicate).Select(i => i.Id!), StringComparer.Ordinal);
            foreach (var sent in Emulator.Requests.SelectMany(q => q.InstanceIds.Select(id => (q.Action, Id: id))).Where(x => !mayBeSent.Contains(x.Id)).GroupBy(x => x.Id))
            {
                var culprit = all.FirstOrDefault(i => i.Id == sent.Key || i.RawId == sent.Key);
                violations.Add(sent.Count() + " request(s) (" + sent.First().Action + ") carried '" + Printable(sent.Key) + "', which no well-formed row names" + (culprit is null ? "" : " (input: " + culprit.Describe() + ")") + ".");
            }
            foreach (var renewed in all.Where(i => i.Outcome == Outcome.Renewed))
            {
                var count = Emulator.RenewalCount(renewed.Id!);
                if (count != 1)
                {
                    violations.Add(renewed.Id + " was renewed " + count + " time(s), expected once.");
                }
            }

            var rows = all.Count(i => i.Expect != Expect.NoRow);
            _output.WriteLine("Seed " + Seed + ": inputs generated " + all.Count + " (" + rows + " piped rows/values, " + all.Count(i => i.Expect == Expect.NoRow) + " blank CSV lines that Import-Csv skips)");
            _output.WriteLine("  malformed inputs: " + all.Count(i => i.Expect == Expect.Rejected));
            _output.WriteLine("  rejected by the module (InvalidInput): " + all.Count(i => i.Outcome == Outcome.ModuleRejected));
            _output.WriteLine("  rejected by PowerShell's parameter binding: " + all.Count(i => i.Outcome == Outcome.BindingRejected));
            _output.WriteLine("  renewed/submitted (well-formed, incl. padded and re-cased): " + all.Count(i => i.Outcome == Outcome.Renewed));
            _output.WriteLine("  unusual IDs sent with a warning: " + all.Count(i => i.Outcome == Outcome.Warned));
            _output.WriteLine("  duplicates (skipped or refused): " + all.Count(i => i.Outcome == Outcome.Duplicate));
            _output.WriteLine("  unaccounted or wrongly handled: " + all.Count(i => i.Outcome == Outcome.None && i.Expect != Expect.NoRow));
            _output.WriteLine("  emulator requests: " + Emulator.Requests.Count + ", elapsed " + clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
            foreach (var v in violations)
            {
                _output.WriteLine("VIOLATION " + v);
            }

            Assert.True(all.Count(i => i.Expect == Expect.Rejected) >= 1000, "Fewer than 1,000 malformed inputs were generated.");
            Assert.True(violations.Count == 0, violations.Count + " violation(s):\n" + string.Join("\n", violations.Take(60)));
            Assert.Equal(rows, all.Count(i => i.Outcome != Outcome.None));
        }

        private const string CvmWithSettings = " | Invoke-CvmRenewal -Credential $tc -Endpoint $endpoint -Force -Region ap-guangzhou -Period 1";

        [Fact]
        public void Whitespace_padded_ids_are_trimmed_and_renewed()
        {
            var ids = new[] { " ins-pad00001", "ins-pad00002 ", "\tins-pad00003\r\n", "  ins-pad00004  " };
            var r = Run("$ids" + CvmWithSettings, new Dictionary<string, object?> { ["ids"] = ids });

            Assert.Empty(r.Errors.Select(e => e.Exception.Message));
            Assert.Equal(ids.Select(i => i.Trim()).OrderBy(i => i), r.Results.Where(x => x.Status == RenewalStatus.Submitted).Select(x => x.InstanceId).OrderBy(i => i));
        }

        [Fact]
        public void A_null_instance_id_gets_a_per_row_error_instead_of_vanishing()
        {
            var row = BadInputGenerator.Row(("InstanceId", null), ("Region", "ap-guangzhou"), ("Period", 1));
            var r = Run("$null, 'ins-good0001', $row" + CvmWithSettings, new Dictionary<string, object?> { ["row"] = row });

            Assert.Null(r.Terminating);
            Assert.Equal("ins-good0001", Assert.Single(r.Results, x => x.Status == RenewalStatus.Submitted).InstanceId);
            // Every input gets a result, a bad one included, so a report accounts for every row.
            Assert.Equal(2, r.Results.Count(x => x.Status == RenewalStatus.Failed && x.ErrorCode == "InvalidInput"));
            Assert.Equal(2, r.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("InvalidInput,", StringComparison.Ordinal)));
        }

        [Theory]
        [InlineData("ins-\uff41bcdefgh")]
        [InlineData("ins-\u0456bcdefgh")]
        [InlineData("ins-ab\u00e9defgh")]
        [InlineData("ins-\u6d4b\u8bd5abcdef")]
        public void A_non_ascii_id_is_rejected_before_anything_is_sent(string id)
        {
            var r = Run("$id" + CvmWithSettings, new Dictionary<string, object?> { ["id"] = id });

            Assert.Empty(Emulator.Requests.Select(q => q.Action));
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("InvalidInput,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Instance_Id")]
        [InlineData("Name")]
        [InlineData("Server")]
        public void A_csv_without_an_id_column_is_rejected_and_never_sent(string header)
        {
            var rows = Csv.Rows(header + "\nins-wrong001\n");
            var r = Run("$rows" + CvmWithSettings, new Dictionary<string, object?> { ["rows"] = rows });

            Assert.Empty(Emulator.Requests.SelectMany(q => q.InstanceIds));
            var error = Assert.Single(r.Errors);
            Assert.Contains("InstanceId", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        [InlineData("1.5")]
        [InlineData("2.5")]
        [InlineData(3.7)]
        public void A_fractional_period_is_rejected_not_rounded(object period)
        {
            var row = BadInputGenerator.Row(("InstanceId", "ins-frac0001"), ("Region", "ap-guangzhou"), ("Period", period));
            var r = Run("$row | Invoke-CvmRenewal -Credential $tc -Endpoint $endpoint -Force", new Dictionary<string, object?> { ["row"] = row });

            Assert.Equal(0, Emulator.RenewalCount("ins-frac0001"));
            Assert.Empty(Emulator.Requests.Select(q => q.Action));
            Assert.Contains(r.Errors, e => e.Exception.Message.Contains("Period", StringComparison.Ordinal));
        }

        internal static string Printable(string? value)
        {
            if (value is null)
            {
                return "$null";
            }
            var sb = new StringBuilder();
            foreach (var c in value.Length > 80 ? value.Substring(0, 80) + "…" : value)
            {
                sb.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format || c > 126 ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
            }
            return sb.ToString();
        }
    }

    internal enum Expect
    {
        Renewed,
        /// <summary>Unusual but possible: sent with a warning, the cloud decides.</summary>
        Warned,
        /// <summary>Repeats an earlier row: a Skipped result (same renewal) or a Failed one (different renewal).</summary>
        Duplicate,
        Rejected,
        /// <summary>A blank CSV line: Import-Csv yields no object for it.</summary>
        NoRow,
    }

    internal enum Outcome
    {
        None,
        Renewed,
        Warned,
        Duplicate,
        ModuleRejected,
        BindingRejected,
    }

    internal sealed class GeneratedInput
    {
        public GeneratedInput(string category, object? value, Expect expect)
        {
            Category = category;
            Value = value;
            Expect = expect;
        }

        public string Category { get; }
        public object? Value { get; }
        public Expect Expect { get; }
        /// <summary>The trimmed instance ID results carry (null when the input has none).</summary>
        public string? Id { get; init; }
        /// <summary>The ID exactly as the cmdlet receives it (the target of an ID error).</summary>
        public string? RawId { get; init; }
        public int? Period { get; init; }
        public string? Unit { get; init; }
        public string? Region { get; init; }
        /// <summary>What a rejection must name.</summary>
        public string Keyword { get; init; } = "";
        /// <summary>For duplicates: the code of the result (DuplicateInput or ConflictingDuplicateInput).</summary>
        public string? DuplicateCode { get; init; }
        public Outcome Outcome { get; set; }

        public string Describe() => Category + " " + (Value is PSObject row ? "row " + BadInputProofTests.Printable(row.ToString()) : "value " + BadInputProofTests.Printable(Value?.ToString()));
    }

    internal sealed class PipelinePlan
    {
        public PipelinePlan(string name, string arguments)
        {
            Name = name;
            Arguments = arguments;
        }

        public string Name { get; }
        public string Arguments { get; }
        public List<GeneratedInput> Inputs { get; } = new List<GeneratedInput>();
    }

    internal sealed class CmdletPlan
    {
        public CmdletPlan(string cmdlet)
        {
            Cmdlet = cmdlet;
        }

        public string Cmdlet { get; }
        public List<PipelinePlan> Pipelines { get; } = new List<PipelinePlan>();
    }

    /// <summary>Builds the inputs; every random choice comes from one seeded Random so a failure can be replayed.</summary>
    internal sealed class BadInputGenerator
    {
        private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        private static readonly string[] EmbeddedWhitespace = { " ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u3000", "\v", "\f" };
        private static readonly string[] Separators = { ",", ";", ", ", " ,", "; ", "|", "/", "\\", ",,", ";;" };
        private static readonly string[] ControlCharacters = { "\0", "\u0001", "\u0007", "\u0008", "\u001b", "\u007f", "\u0085", "\u200b", "\u200e", "\u2028", "\ufeff", "\u00ad" };
        private static readonly string[] NonAscii = { "é", "ü", "ß", "测", "ｉ", "１", "\u0456", "\u03bf", "\u2170", "ø", "ñ", "ä" };
        private static readonly string[] Whitespace = { " ", "  ", "\t", " \t ", "\r\n", "\u00a0", "\u3000", "\n\n" };

        private readonly Random _random;
        private int _serial;

        public BadInputGenerator(Random random)
        {
            _random = random;
        }

        public CmdletPlan Cvm() => Tencent("Invoke-CvmRenewal -Credential $tc", "ins-", 8, new[] { 1, 2, 3, 6, 12, 24, 36, 48, 60 }, new[] { 0, -1, 13, 25, 61, 37, 100, -12 });

        public CmdletPlan MongoDb() => Tencent("Invoke-MongoDbRenewal -Credential $tc", "cmgo-", 8, new[] { 1, 2, 3, 6, 12, 24, 36 }, new[] { 0, -1, 13, 25, 61, 48, 60, -3 });

        public CmdletPlan Ecs()
        {
            var plan = new CmdletPlan("Invoke-EcsRenewal -Credential $ali -MaxRequestsPerSecond 45");
            var regions = new[] { "cn-hangzhou", "cn-shanghai" };
            string NewId() => "i-bp" + Token(18);

            var values = new PipelinePlan("values with -Region/-Period", "-Region cn-hangzhou -Period 1");
            AddIdValues(values, NewId, 30, Expectation(1, "Month", "cn-hangzhou"));
            // Unusual for ECS (fewer than 8 characters after i-) but possible: warned, sent, renewed.
            for (var i = 0; i < 8; i++)
            {
                var id = "i-" + Token(6);
                values.Inputs.Add(new GeneratedInput("id.unusual", id, Expect.Warned) { Id = id, RawId = id, Period = 1, Unit = "Month", Region = "cn-hangzhou" });
            }
            plan.Pipelines.Add(values);

            var rows = new PipelinePlan("rows", "");
            AddIdRows(rows, NewId, "RegionId", regions, 1, 15);
            AddPeriodRows(rows, NewId, "RegionId", regions[0], new[] { 0, -1, 13, 25, 61, 37, 100 }, new[] { 1, 2, 3, 6, 9, 12, 24, 36 });
            AddRegionRows(rows, NewId, "RegionId", 1);
            foreach (var unit in new[] { "Day", "", "month ", " Month", "Months", "Year", "Weeks", "MONTH\t", "1", "Month,Week" })
            {
                for (var i = 0; i < 5; i++)
                {
                    var id = NewId();
                    // A blank cell is a missing column (default Month); padding and case are normalised as in ID cells.
                    var expect = unit.Trim().Length == 0 || unit.Trim().Equals("Month", StringComparison.OrdinalIgnoreCase) ? Expect.Renewed : Expect.Rejected;
                    rows.Inputs.Add(new GeneratedInput("unit." + Printable(unit), Row(("InstanceId", id), ("RegionId", regions[0]), ("Period", "1"), ("PeriodUnit", unit)), expect) { Id = id, RawId = id, Keyword = "PeriodUnit" });
                }
            }
            foreach (var (period, unit) in new[] { ("5", "Week"), ("12", "week"), ("0", "Week"), ("13", "Month") })
            {
                for (var i = 0; i < 4; i++)
                {
                    var id = NewId();
                    rows.Inputs.Add(new GeneratedInput("unit.period", Row(("InstanceId", id), ("RegionId", regions[0]), ("Period", period), ("PeriodUnit", unit)), Expect.Rejected) { Id = id, RawId = id, Keyword = "Period" });
                }
            }
            foreach (var day in new object[] { 0, 29, -1, 31, "0", "29", "abc", "1.5x", 100 })
            {
                for (var i = 0; i < 4; i++)
                {
                    var id = NewId();
                    rows.Inputs.Add(new GeneratedInput("expectedrenewday." + Printable(Convert.ToString(day, CultureInfo.InvariantCulture) ?? ""), Row(("InstanceId", id), ("RegionId", regions[0]), ("ExpectedRenewDay", day)), Expect.Rejected) { Id = id, RawId = id, Keyword = "ExpectedRenewDay" });
                }
            }
            for (var i = 0; i < 12; i++)
            {
                var id = NewId();
                rows.Inputs.Add(new GeneratedInput("expectedrenewday.with-period", Row(("InstanceId", id), ("RegionId", regions[0]), ("Period", "1"), ("ExpectedRenewDay", (1 + (i % 28)).ToString(CultureInfo.InvariantCulture))), Expect.Rejected) { Id = id, RawId = id, Keyword = "ExpectedRenewDay" });
            }
            // Well-formed rows in every shape the cmdlet accepts.
            for (var i = 0; i < 12; i++)
            {
                var id = NewId();
                var weeks = 1 + (i % 4);
                var unit = i % 2 == 0 ? "Week" : "week";
                rows.Inputs.Add(new GeneratedInput("good.weeks", Row(("InstanceId", id), ("RegionId", regions[i % 2]), ("Period", weeks), ("PeriodUnit", unit)), Expect.Renewed) { Id = id, Period = weeks, Unit = "Week", Region = regions[i % 2] });
                var following = NewId();
                // Right after a Week row: the binder must restore the default unit for a row without one.
                rows.Inputs.Add(new GeneratedInput("good.after-weeks", Row(("InstanceId", following), ("RegionId", regions[0]), ("Period", "2")), Expect.Renewed) { Id = following, Period = 2, Unit = "Month", Region = regions[0] });
            }
            for (var i = 0; i < 10; i++)
            {
                var id = NewId();
                var day = 1 + _random.Next(28);
                rows.Inputs.Add(new GeneratedInput("good.expectedrenewday", Row(("InstanceId", id), ("RegionId", regions[0]), ("ExpectedRenewDay", day.ToString(CultureInfo.InvariantCulture))), Expect.Renewed) { Id = id, Region = regions[0] });
            }
            plan.Pipelines.Add(rows);

            var csv = new PipelinePlan("csv", "");
            AddCsv(csv, NewId, new[] { "InstanceId,RegionId,Period", "INSTANCEID,REGIONID,PERIOD", "instanceid,regionid,period", "Id,Region,Period", "InstanceIds,RegionId,Period" }, regions, new[] { 1, 2, 3, 12 });
            plan.Pipelines.Add(csv);
            return plan;
        }

        private CmdletPlan Tencent(string cmdlet, string prefix, int length, int[] goodPeriods, int[] badPeriods)
        {
            var plan = new CmdletPlan(cmdlet);
            var regions = new[] { "ap-guangzhou", "ap-shanghai" };
            string NewId() => prefix + Token(length);

            var values = new PipelinePlan("values with -Region/-Period", "-Region ap-guangzhou -Period 1");
            AddIdValues(values, NewId, 30, Expectation(1, "Month", "ap-guangzhou"));
            // Unusual but possible shapes: warned and sent; the emulator, like the cloud, decides.
            foreach (var unusual in new[] { prefix.ToUpperInvariant() + Token(length).ToUpperInvariant(), prefix + Token(length + 3), prefix + Token(4), "x" + prefix + Token(length) })
            {
                values.Inputs.Add(new GeneratedInput("id.unusual", unusual, Expect.Warned) { Id = unusual, RawId = unusual });
            }
            plan.Pipelines.Add(values);

            var rows = new PipelinePlan("rows", "");
            AddIdRows(rows, NewId, "Region", regions, goodPeriods[0], 15);
            AddPeriodRows(rows, NewId, "Region", regions[0], badPeriods, goodPeriods);
            AddRegionRows(rows, NewId, "Region", goodPeriods[1]);
            foreach (var flag in new[] { "AUTO", "NOTIFY_AND_AUTO_RENEW ", "yes", "DISABLE" })
            {
                for (var i = 0; i < 3; i++)
                {
                    var id = NewId();
                    // Padding is trimmed as in ID cells, so a padded valid flag is sent in the API's spelling.
                    var expect = flag.Trim() == "NOTIFY_AND_AUTO_RENEW" ? Expect.Renewed : Expect.Rejected;
                    rows.Inputs.Add(new GeneratedInput("renewflag." + flag.Trim(), Row(("InstanceId", id), ("Region", regions[0]), ("Period", "1"), ("RenewFlag", flag)), expect) { Id = id, RawId = id, Keyword = "RenewFlag" });
                }
            }
            for (var i = 0; i < 16; i++)
            {
                var id = NewId();
                var period = goodPeriods[_random.Next(goodPeriods.Length)];
                rows.Inputs.Add(new GeneratedInput("good.row", Row(("InstanceId", id), ("Region", regions[i % 2]), ("Period", period)), Expect.Renewed) { Id = id, Period = period, Region = regions[i % 2] });
            }
            plan.Pipelines.Add(rows);

            var csv = new PipelinePlan("csv", "");
            AddCsv(csv, NewId, new[] { "InstanceId,Region,Period", "INSTANCEID,REGION,PERIOD", "instanceid,region,period", "Id,Region,Period", "InstanceIds,Region,Period" }, regions, goodPeriods.Take(4).ToArray());
            plan.Pipelines.Add(csv);
            return plan;
        }

        private static Func<string, GeneratedInput> Expectation(int period, string unit, string region) =>
            id => new GeneratedInput("good.value", id, Expect.Renewed) { Id = id.Trim(), RawId = id, Period = period, Unit = unit, Region = region };

        /// <summary>Bare values piped with -Region/-Period on the command line: every kind of broken ID, $null, objects without an ID column.</summary>
        private void AddIdValues(PipelinePlan plan, Func<string> newId, int perKind, Func<string, GeneratedInput> good)
        {
            foreach (var id in BadIds(newId, perKind))
            {
                plan.Inputs.Add(new GeneratedInput(id.Category, id.Value, Expect.Rejected) { Id = id.Value?.Trim(), RawId = id.Value ?? "", Keyword = id.Keyword });
            }
            for (var i = 0; i < 20; i++)
            {
                var padded = Pick(Whitespace) + newId() + Pick(Whitespace);
                plan.Inputs.Add(good(padded));
            }
            // A single-column CSV whose header is not an ID column: the row object is all PowerShell can bind.
            foreach (var header in new[] { "Instance_Id", "InstanceName", "Name", "Server" })
            {
                for (var i = 0; i < 3; i++)
                {
                    var row = Row((header, newId()));
                    plan.Inputs.Add(new GeneratedInput("csv.no-id-column", row, Expect.Rejected) { Id = row.ToString(), RawId = row.ToString(), Keyword = "instance ID" });
                }
            }
        }

        /// <summary>Property-bound rows whose ID cell is broken; everything else in the row is valid.</summary>
        private void AddIdRows(PipelinePlan plan, Func<string> newId, string regionColumn, string[] regions, int period, int perKind)
        {
            foreach (var id in BadIds(newId, perKind))
            {
                var row = Row(("InstanceId", id.Value), (regionColumn, regions[0]), ("Period", period));
                plan.Inputs.Add(new GeneratedInput("row." + id.Category, row, Expect.Rejected) { Id = id.Value?.Trim(), RawId = id.Value ?? "", Keyword = id.Keyword });
            }
            foreach (var column in new[] { "instanceid", "INSTANCEID", "Id", "ID", "InstanceIds", "instanceIDs" })
            {
                var id = newId();
                var padded = " " + id + "\t";
                plan.Inputs.Add(new GeneratedInput("good.column-casing", Row((column, padded), (regionColumn.ToUpperInvariant(), " " + regions[1] + " "), ("period", " " + period.ToString(CultureInfo.InvariantCulture) + " ")), Expect.Renewed) { Id = id, Period = period, Region = regions[1] });
            }
        }

        private void AddPeriodRows(PipelinePlan plan, Func<string> newId, string regionColumn, string region, int[] badPeriods, int[] goodPeriods)
        {
            var values = new List<object?>();
            values.AddRange(badPeriods.Select(p => (object)p));
            values.AddRange(badPeriods.Select(p => (object)p.ToString(CultureInfo.InvariantCulture)));
            values.AddRange(new object?[] { "abc", "1.5", "2.5", "0.5", 1.5, 3.7, "99999999999", 99999999999L, "1e400", "12 months", "one", "", " ", null, "-", "+-1", "1,5", int.MaxValue, int.MinValue, "0x0" });
            foreach (var value in values)
            {
                for (var i = 0; i < 2; i++)
                {
                    var id = newId();
                    plan.Inputs.Add(new GeneratedInput("period." + BadInputProofTests.Printable(value?.ToString()), Row(("InstanceId", id), (regionColumn, region), ("Period", value)), Expect.Rejected) { Id = id, RawId = id, Keyword = "Period" });
                }
            }
            // A row with the Period column missing entirely, and one with no column but the ID.
            for (var i = 0; i < 6; i++)
            {
                var id = newId();
                plan.Inputs.Add(new GeneratedInput("row.missing-period-column", Row(("InstanceId", id), (regionColumn, region)), Expect.Rejected) { Id = id, RawId = id, Keyword = "Period" });
                var lonely = newId();
                plan.Inputs.Add(new GeneratedInput("row.id-only", Row(("InstanceId", lonely)), Expect.Rejected) { Id = lonely, RawId = lonely, Keyword = "region" });
            }
            foreach (var period in goodPeriods)
            {
                var id = newId();
                plan.Inputs.Add(new GeneratedInput("good.period", Row(("InstanceId", id), (regionColumn, region), ("Period", period.ToString(CultureInfo.InvariantCulture))), Expect.Renewed) { Id = id, Period = period, Region = region });
            }
        }

        private void AddRegionRows(PipelinePlan plan, Func<string> newId, string regionColumn, int period)
        {
            var tencent = regionColumn == "Region";
            var good = tencent ? "ap-guangzhou" : "cn-hangzhou";
            var bad = new List<string?> { good.ToUpperInvariant(), char.ToUpperInvariant(good[0]) + good.Substring(1), "", " ", "\t", null, tencent ? "gz" : "hz", tencent ? "ap guangzhou" : "cn hangzhou", good.Replace('-', '_'), good + "," + good, good + ";", "-" + good, good + "-", "ap", "广州", good.Replace("o", "ο", StringComparison.Ordinal) };
            foreach (var region in bad)
            {
                for (var i = 0; i < 3; i++)
                {
                    var id = newId();
                    plan.Inputs.Add(new GeneratedInput("region." + BadInputProofTests.Printable(region), Row(("InstanceId", id), (regionColumn, region), ("Period", period)), Expect.Rejected) { Id = id, RawId = id, Keyword = "region" });
                }
            }
            foreach (var padded in new[] { " " + good, good + " ", "\t" + good + "\t", " " + good + "\r\n" })
            {
                var id = newId();
                plan.Inputs.Add(new GeneratedInput("good.padded-region", Row(("InstanceId", id), (regionColumn, padded), ("Period", period)), Expect.Renewed) { Id = id, Period = period, Region = good });
            }
        }

        /// <summary>
        /// CSV text through the Import-Csv model: a UTF-8 BOM, header casings and aliases, blank lines, missing and extra
        /// columns, padded cells, an empty row of commas, and duplicates (same renewal, different renewal, other casing).
        /// </summary>
        private void AddCsv(PipelinePlan plan, Func<string> newId, string[] headers, string[] regions, int[] periods)
        {
            foreach (var header in headers)
            {
                var text = new StringBuilder(_random.Next(2) == 0 ? "\uFEFF" : "");
                text.Append(header).Append("\r\n");
                var expected = new List<GeneratedInput>();
                var blank = 0;
                void Line(string line, GeneratedInput? input)
                {
                    text.Append(line).Append(_random.Next(2) == 0 ? "\r\n" : "\n");
                    if (input != null)
                    {
                        expected.Add(input);
                    }
                }
                void Blank()
                {
                    text.Append("\r\n");
                    blank++;
                }

                var first = newId();
                var period = periods[_random.Next(periods.Length)];
                Line(first + "," + regions[0] + "," + period, new GeneratedInput("csv.good", null, Expect.Renewed) { Id = first, Period = period, Region = regions[0] });
                Blank();
                for (var i = 0; i < 4; i++)
                {
                    var id = newId();
                    var p = periods[_random.Next(periods.Length)];
                    Line("  " + id + "  ,\t" + regions[1] + " , " + p + " ", new GeneratedInput("csv.padded-cells", null, Expect.Renewed) { Id = id, Period = p, Region = regions[1] });
                }
                var extra = newId();
                Line(extra + "," + regions[0] + "," + period + ",extra,\"more, quoted\",", new GeneratedInput("csv.extra-columns", null, Expect.Renewed) { Id = extra, Period = period, Region = regions[0] });
                Blank();
                Blank();
                var quoted = newId();
                Line("\"" + quoted + "\",\"" + regions[0] + "\",\"" + period + "\"", new GeneratedInput("csv.quoted-cells", null, Expect.Renewed) { Id = quoted, Period = period, Region = regions[0] });

                var missingPeriod = newId();
                Line(missingPeriod + "," + regions[0], new GeneratedInput("csv.missing-period", null, Expect.Rejected) { Id = missingPeriod, RawId = missingPeriod, Keyword = "Period" });
                var idOnly = newId();
                Line(idOnly, new GeneratedInput("csv.missing-region-and-period", null, Expect.Rejected) { Id = idOnly, RawId = idOnly, Keyword = "region" });
                Line(",,", new GeneratedInput("csv.empty-row", null, Expect.Rejected) { RawId = "", Keyword = "instance ID" });
                Line(" , , ", new GeneratedInput("csv.whitespace-row", null, Expect.Rejected) { RawId = " ", Keyword = "instance ID" });
                var two = newId() + "," + newId();
                Line("\"" + two + "\"," + regions[0] + "," + period, new GeneratedInput("csv.two-ids-in-a-cell", null, Expect.Rejected) { RawId = two, Keyword = "instance ID" });
                var semi = newId() + ";" + newId();
                Line(semi + "," + regions[0] + "," + period, new GeneratedInput("csv.ids-separated-by-semicolon", null, Expect.Rejected) { RawId = semi, Keyword = "instance ID" });
                var badPeriod = newId();
                Line(badPeriod + "," + regions[0] + ",abc", new GeneratedInput("csv.period-abc", null, Expect.Rejected) { Id = badPeriod, RawId = badPeriod, Keyword = "Period" });
                var badRegion = newId();
                Line(badRegion + "," + regions[0].ToUpperInvariant() + "," + period, new GeneratedInput("csv.region-upper-case", null, Expect.Rejected) { Id = badRegion, RawId = badRegion, Keyword = "region" });

                Line(first + "," + regions[0] + "," + period, new GeneratedInput("csv.duplicate", null, Expect.Duplicate) { Id = first, DuplicateCode = "DuplicateInput" });
                Line(" " + first.ToUpperInvariant() + " ," + regions[0] + "," + period, new GeneratedInput("csv.duplicate-other-casing", null, Expect.Duplicate) { Id = first.ToUpperInvariant(), DuplicateCode = "DuplicateInput" });
                var other = periods.First(p => p != period);
                Line(first + "," + regions[0] + "," + other, new GeneratedInput("csv.conflicting-duplicate", null, Expect.Duplicate) { Id = first, DuplicateCode = "ConflictingDuplicateInput" });
                Blank();

                var objects = Csv.Rows(text.ToString());
                if (objects.Length != expected.Count)
                {
                    throw new InvalidOperationException("The CSV model produced " + objects.Length + " rows for " + expected.Count + " data lines.");
                }
                for (var i = 0; i < objects.Length; i++)
                {
                    var e = expected[i];
                    plan.Inputs.Add(new GeneratedInput(e.Category, objects[i], e.Expect) { Id = e.Id, RawId = e.RawId, Period = e.Period, Region = e.Region, Keyword = e.Keyword, DuplicateCode = e.DuplicateCode, Unit = e.Period is null ? null : "Month" });
                }
                for (var i = 0; i < blank; i++)
                {
                    plan.Inputs.Add(new GeneratedInput("csv.blank-line", null, Expect.NoRow));
                }
            }
        }

        private IEnumerable<(string Category, string? Value, string Keyword)> BadIds(Func<string> newId, int perKind)
        {
            yield return ("id.null", null, "instance ID");
            yield return ("id.empty", "", "instance ID");
            foreach (var w in Whitespace)
            {
                yield return ("id.whitespace", w, "instance ID");
            }
            for (var i = 0; i < perKind; i++)
            {
                yield return ("id.embedded-whitespace", Insert(newId(), Pick(EmbeddedWhitespace)), "instance ID");
                yield return ("id.several-ids", newId() + Pick(Separators) + newId(), "instance ID");
                var q = newId();
                yield return ("id.quotes", _random.Next(3) switch { 0 => "\"" + q + "\"", 1 => "'" + q + "'", _ => Insert(q, _random.Next(2) == 0 ? "\"" : "'") }, "instance ID");
                yield return ("id.control-character", InsertAnywhere(newId(), Pick(ControlCharacters)), "instance ID");
                yield return ("id.non-ascii", Replace(newId(), Pick(NonAscii)), "instance ID");
            }
            for (var i = 0; i < perKind / 5; i++)
            {
                var id = newId();
                yield return ("id.too-long", id + new string('a', 129 - id.Length + _random.Next(300)), "128");
            }
        }

        private string Token(int length)
        {
            // A serial keeps IDs unique; random letters keep them unlike each other.
            var serial = (_serial++).ToString("D5", CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            while (sb.Length + serial.Length < length)
            {
                sb.Append(Alphabet[_random.Next(Alphabet.Length)]);
            }
            return (sb + serial).Substring(0, length);
        }

        private string Pick(string[] values) => values[_random.Next(values.Length)];

        /// <summary>Inside the ID, never at an end (ends are trimmed).</summary>
        private string Insert(string id, string text)
        {
            var at = 1 + _random.Next(id.Length - 1);
            return id.Substring(0, at) + text + id.Substring(at);
        }

        private string InsertAnywhere(string id, string text)
        {
            var at = _random.Next(id.Length + 1);
            return id.Substring(0, at) + text + id.Substring(at);
        }

        /// <summary>Replaces one character after the product prefix, so the result still looks like an ID.</summary>
        private string Replace(string id, string text)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal) + 1;
            var at = dash + _random.Next(id.Length - dash);
            return id.Substring(0, at) + text + id.Substring(at + 1);
        }

        private static string Printable(string value) => BadInputProofTests.Printable(value);

        internal static PSObject Row(params (string Name, object? Value)[] cells)
        {
            var row = new PSObject();
            foreach (var (name, value) in cells)
            {
                row.Properties.Add(new PSNoteProperty(name, value));
            }
            return row;
        }
    }

    /// <summary>Pairs every input of one pipeline with exactly one result or error, and reports anything else.</summary>
    internal static class OutcomeMatcher
    {
        public static void Match(string pipeline, List<GeneratedInput> inputs, RunResult run, List<string> violations)
        {
            var results = run.Results.ToList();
            var resultErrors = run.Errors.Where(e => e.TargetObject is RenewalResult).ToList();
            var idErrors = run.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("InvalidInput,", StringComparison.Ordinal) && e.TargetObject is string).ToList();
            var bindingErrors = run.Errors.Where(e => e.Exception is ParameterBindingException).ToList();
            foreach (var other in run.Errors.Except(resultErrors).Except(idErrors).Except(bindingErrors))
            {
                violations.Add(pipeline + ": unexpected error " + other.FullyQualifiedErrorId + ": " + other.Exception?.Message);
            }
            foreach (var failed in results.Where(r => r.Status is RenewalStatus.Failed or RenewalStatus.Unknown))
            {
                if (resultErrors.Count(e => ReferenceEquals(e.TargetObject, failed)) != 1)
                {
                    violations.Add(pipeline + ": Failed result for " + BadInputProofTests.Printable(failed.InstanceId) + " lacks its one error record.");
                }
            }
            var warnings = run.Warnings.Select(w => w.Message).ToList();

            foreach (var input in inputs.Where(i => i.Expect != Expect.NoRow))
            {
                switch (input.Expect)
                {
                    case Expect.Renewed:
                        var renewed = Take(results, r => r.InstanceId == input.Id && r.Status is RenewalStatus.Submitted or RenewalStatus.Renewed);
                        if (renewed is null)
                        {
                            var got = results.FirstOrDefault(r => r.InstanceId == input.Id);
                            violations.Add(pipeline + ": well-formed " + input.Describe() + " was not renewed" + (got is null ? "" : " (" + got.Status + " " + got.ErrorCode + ": " + got.Message + ")") + ".");
                            break;
                        }
                        if ((input.Period.HasValue && renewed.Period != input.Period) || (input.Region != null && renewed.Region != input.Region) || (input.Unit != null && renewed.PeriodUnit != input.Unit))
                        {
                            violations.Add(pipeline + ": " + input.Describe() + " was bound as " + renewed.Period + " " + renewed.PeriodUnit + " in " + renewed.Region + ", expected " + input.Period + " " + input.Unit + " in " + input.Region + ".");
                        }
                        input.Outcome = Outcome.Renewed;
                        break;
                    case Expect.Warned:
                        var sent = Take(results, r => r.InstanceId == input.Id && r.ErrorCode != "InvalidInput");
                        if (sent is null || !warnings.Any(w => w.Contains(input.Id!, StringComparison.Ordinal)))
                        {
                            violations.Add(pipeline + ": unusual " + input.Describe() + " should be sent with a warning; result " + (sent?.ToString() ?? "none") + ".");
                            break;
                        }
                        input.Outcome = Outcome.Warned;
                        break;
                    case Expect.Duplicate:
                        var duplicate = Take(results, r => string.Equals(r.InstanceId, input.Id, StringComparison.Ordinal) && r.ErrorCode == input.DuplicateCode);
                        if (duplicate is null)
                        {
                            violations.Add(pipeline + ": duplicate " + input.Describe() + " has no " + input.DuplicateCode + " result.");
                            break;
                        }
                        input.Outcome = Outcome.Duplicate;
                        break;
                    case Expect.Rejected:
                        MatchRejection(pipeline, input, results, idErrors, bindingErrors, violations);
                        break;
                }
            }

            foreach (var left in results)
            {
                violations.Add(pipeline + ": result no input accounts for: " + left + " " + left.Message);
            }
            foreach (var left in idErrors.Concat(bindingErrors))
            {
                violations.Add(pipeline + ": error no input accounts for: " + left.FullyQualifiedErrorId + " " + left.Exception?.Message);
            }
        }

        private static void MatchRejection(string pipeline, GeneratedInput input, List<RenewalResult> results, List<ErrorRecord> idErrors, List<ErrorRecord> bindingErrors, List<string> violations)
        {
            string? message = null;
            var binding = input.Value is PSObject row ? bindingErrors.FirstOrDefault(e => ReferenceEquals(e.TargetObject, row)) : null;
            if (binding != null)
            {
                bindingErrors.Remove(binding);
                message = binding.Exception.Message;
                input.Outcome = Outcome.BindingRejected;
            }
            // A rejected ID gets a Failed result too, named by the ID as the module saw it (padding trimmed, $null as "").
            else if (Take(results, r => (r.InstanceId == input.Id || r.InstanceId == (RenewalTools.Engine.InputRules.TrimPadding(input.RawId) ?? "")) && r.ErrorCode == "InvalidInput" && r.Status == RenewalStatus.Failed) is RenewalResult failed)
            {
                message = failed.Message;
                input.Outcome = Outcome.ModuleRejected;
            }
            else if (input.RawId != null && idErrors.FirstOrDefault(e => (string)e.TargetObject == input.RawId) is ErrorRecord idError)
            {
                idErrors.Remove(idError);
                message = idError.Exception.Message;
                input.Outcome = Outcome.ModuleRejected;
            }
            else
            {
                var sent = input.Id is null ? null : results.FirstOrDefault(r => r.InstanceId == input.Id);
                violations.Add(pipeline + ": malformed " + input.Describe() + " got no per-row error" + (sent is null ? " (and no result: it vanished)" : " (it was processed: " + sent.Status + ", Period " + sent.Period + ")") + ".");
                if (sent != null)
                {
                    results.Remove(sent);
                }
                return;
            }
            if (message is null || !message.Contains(input.Keyword, StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(pipeline + ": the error for " + input.Describe() + " does not name '" + input.Keyword + "': " + message);
            }
        }

        private static RenewalResult? Take(List<RenewalResult> results, Func<RenewalResult, bool> match)
        {
            var found = results.FirstOrDefault(match);
            if (found != null)
            {
                results.Remove(found);
            }
            return found;
        }
    }
}
