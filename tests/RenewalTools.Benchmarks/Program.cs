using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Tasks;
using CloudEmulator;
using RenewalTools.Tests.Harness;

namespace RenewalTools.Benchmarks
{
    /// <summary>
    /// Issue #7: bulk renewal against the physical floor and a typical script, cold import, memory over many rows.
    /// The emulator runs in this process; the module runs in child processes (this program with --child-run), so the
    /// CPU time and memory reported are the client's only. Figures are printed, never asserted.
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            if (args.Length == 2 && args[0] == Child.RunFlag)
            {
                return Child.Run(args[1]);
            }
            if (args.Length == 2 && args[0] == Child.ImportFlag)
            {
                return Child.Import(args[1]);
            }
            Options options;
            try
            {
                options = Options.Parse(args);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(Options.Usage);
                return 2;
            }
            await new Bench(options).RunAsync().ConfigureAwait(false);
            return 0;
        }
    }

    internal sealed record Row(
        string Scenario,
        int Instances,
        int MinimumCalls,
        int CallsSent,
        int CallsRefused,
        double WallSeconds,
        double FloorSeconds,
        string FloorBasis,
        double CpuSeconds,
        long PeakWorkingSet,
        long WorkingSetBefore,
        double EmulatorCpuSeconds,
        string Outcome)
    {
        public double Ratio => WallSeconds / FloorSeconds;
        public double RequestsPerSecond => CallsSent / WallSeconds;
        public double CpuMsPerInstance => CpuSeconds * 1000 / Instances;
    }

    internal sealed partial class Bench
    {
        private const double MiB = 1024 * 1024;
        private const int DefaultThrottleLimit = 8;
        private readonly Options _o;
        private readonly List<Row> _rows = new List<Row>();
        private readonly List<string> _targets = new List<string>();
        private readonly List<string> _notes = new List<string>();
        private readonly Dictionary<string, Row> _bulk = new Dictionary<string, Row>(StringComparer.Ordinal);
        private readonly Dictionary<string, Row> _typical = new Dictionary<string, Row>(StringComparer.Ordinal);
        private readonly string _jobFolder = Directory.CreateTempSubdirectory("renewaltools-bench-").FullName;
        private EmulatorHost? _emulator;

        public Bench(Options options)
        {
            _o = options;
        }

        private EmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not running.");

        public async Task RunAsync()
        {
            var started = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            Console.WriteLine("# RenewalTools benchmarks (issue #7), " + started.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) + (_o.Quick ? " (--quick)" : ""));
            Console.WriteLine(Environment.ProcessorCount + " cores, " + RuntimeInformation.OSDescription + ", " + RuntimeInformation.FrameworkDescription
                + ", PowerShell " + typeof(System.Management.Automation.PSObject).Assembly.GetName().Version + " hosted (System.Management.Automation NuGet)");
            Console.WriteLine();

            _emulator = await EmulatorHost.StartAsync(Accounts.Scenario(_o.LatencyMs)).ConfigureAwait(false);
            try
            {
                if (_o.Parts.Contains("bulk"))
                {
                    Bulk(Service.Cvm, _o.TencentInstances, 'b');
                    Bulk(Service.MongoDb, _o.TencentInstances, 'b');
                    Bulk(Service.Ecs, _o.EcsInstances, 'b');
                }
                if (_o.Parts.Contains("read"))
                {
                    await EmulatorWarmUp.ReadOnceAsync(Emulator.BaseUri, new Clients.Tencent.CvmDescribeInstances(), Service.CvmDiscovery.IdOf('x', 0)).ConfigureAwait(false);
                    Discovery(Service.CvmDiscovery, _o.TencentInstances, 'd');
                    await EmulatorWarmUp.ReadOnceAsync(Emulator.BaseUri, new Clients.Tencent.MongoDbDescribeDBInstances(), Service.MongoDbDiscovery.IdOf('x', 0)).ConfigureAwait(false);
                    Discovery(Service.MongoDbDiscovery, _o.TencentInstances, 'd');
                    VerifiedBulk(Service.Cvm, _o.TencentInstances, 'v');
                }
                if (_o.Parts.Contains("quote"))
                {
                    Quote(Service.CvmQuote, _o.QuoteInstances, 'q');
                }
                if (_o.Parts.Contains("policy"))
                {
                    await EmulatorWarmUp.ReadOnceAsync(Emulator.BaseUri, new Clients.Tencent.CvmDescribeInstances(), Service.CvmPolicy.IdOf('x', 0)).ConfigureAwait(false);
                    Policy(Service.CvmPolicy, _o.TencentInstances, 'p');
                }
                if (_o.Parts.Contains("typical"))
                {
                    Typical(Service.Cvm);
                    Typical(Service.MongoDb);
                    Typical(Service.Ecs);
                }
                if (_o.Parts.Contains("rows"))
                {
                    Rows(Service.MongoDb);
                }
            }
            finally
            {
                await Emulator.DisposeAsync().ConfigureAwait(false);
            }

            PrintRenewals();
            PrintSpeedUps();
            if (_o.Parts.Contains("import"))
            {
                ColdImport();
            }
            if (_o.Parts.Contains("signing"))
            {
                Signing();
            }
            Console.WriteLine("## Targets (issue #7; printed, never asserted)");
            Console.WriteLine();
            foreach (var line in _targets)
            {
                Console.WriteLine("- " + line);
            }
            Console.WriteLine();
            foreach (var note in _notes)
            {
                Console.WriteLine("- " + note);
            }
            Console.WriteLine();
            Console.WriteLine("Total run time " + clock.Elapsed.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " min.");
            try
            {
                Directory.Delete(_jobFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private void Bulk(Service s, int instances, char tag)
        {
            var name = s.Name + " bulk (pipeline" + (s.BatchSize > 1 ? ", batches of " + s.BatchSize : ", one call each") + ")";
            var row = RunScenario(name, s, instances, s.MinimumCalls(instances), tag, DefaultThrottleLimit, _o.LatencyMs, Scripts.Bulk(s, instances, tag), out _);
            if (row != null)
            {
                _bulk[s.Name] = row;
                _targets.Add(Verdict(s.Name + " bulk ratio to floor", row.Ratio, 1.10, lowerIsBetter: true, "x"));
            }
        }

        /// <summary>Quoting is bounded by the inquiry's documented rate; the module paces at 95 % of it, so 1.05 is its own floor.</summary>
        private void Quote(Service s, int instances, char tag)
        {
            var row = RunScenario(s.Name + " of " + instances.ToString("N0", CultureInfo.InvariantCulture) + " (pipeline, one inquiry each)", s, instances, s.MinimumCalls(instances), tag, DefaultThrottleLimit, _o.LatencyMs, Scripts.Quote(s, instances, tag), out _);
            if (row != null)
            {
                _targets.Add(Verdict(s.Name + " ratio to floor (issue #11)", row.Ratio, 1.10, lowerIsBetter: true, "x"));
            }
        }

        /// <summary>
        /// Discovery reads the first page, then the pages its TotalCount makes known at once, at most -ThrottleLimit ahead of
        /// the page being written (issue #19): the floor is the read's rate limit, pages / limit.
        /// </summary>
        private void Discovery(Service s, int instances, char tag)
        {
            var row = RunScenario(s.Name + " of " + instances.ToString("N0", CultureInfo.InvariantCulture) + " (one region, pages read at once)", s, instances, s.MinimumCalls(instances), tag, DefaultThrottleLimit, _o.LatencyMs, Scripts.Discovery(s), out _);
            if (row != null)
            {
                _targets.Add(Verdict(s.Name + " ratio to the rate floor (issue #19)", row.Ratio, 1.15, lowerIsBetter: true, "x"));
            }
        }

        /// <summary>
        /// The bulk renewal with the read before and the read back after, against renewals that complete asynchronously:
        /// the floor is the renewal floor plus the emulator's completion delay (the last batch cannot be confirmed sooner).
        /// </summary>
        private void VerifiedBulk(Service s, int instances, char tag)
        {
            const int completionMs = 2000;
            Emulator.Scenario.AsyncCompletionMs = completionMs;
            var row = RunScenario(s.Name + " bulk, verified (read before and after; completion " + completionMs + " ms)", s, instances, s.MinimumCalls(instances), tag, DefaultThrottleLimit, _o.LatencyMs, Scripts.VerifiedBulk(s, instances, tag), out _);
            Emulator.Scenario.AsyncCompletionMs = 0;
            if (row is null)
            {
                return;
            }
            var verified = row with { FloorSeconds = row.FloorSeconds + completionMs / 1000.0, FloorBasis = row.FloorBasis + " + completion" };
            _rows[_rows.IndexOf(row)] = verified;
            _targets.Add(Verdict(s.Name + " verified bulk ratio to renewal floor + completion delay (issue #10)", verified.Ratio, 1.15, lowerIsBetter: true, "x"));
        }

        private void Typical(Service s)
        {
            var name = s.Name + " typical script (sequential, sample)";
            var row = RunScenario(name, s, _o.TypicalSample, _o.TypicalSample, 't', 1, _o.LatencyMs, Scripts.Typical(s, _o.TypicalSample, 't', s.IdOf('w', 0)), out _);
            if (row != null)
            {
                _typical[s.Name] = row;
            }
        }

        private void Rows(Service s)
        {
            var marks = new[] { _o.Rows / 10, _o.Rows / 2, _o.Rows };
            Emulator.Scenario.LatencyMs = _o.RowsLatencyMs;
            var row = RunScenario(s.Name + " " + _o.Rows.ToString("N0", CultureInfo.InvariantCulture) + " rows piped, lazily generated", s, _o.Rows, s.MinimumCalls(_o.Rows), 'r', DefaultThrottleLimit, _o.RowsLatencyMs, Scripts.Rows(s, _o.Rows, 'r', marks), out var report);
            Emulator.Scenario.LatencyMs = _o.LatencyMs;
            if (row is null || report is null)
            {
                return;
            }
            var samples = report.Output.Where(o => o.ContainsKey("PeakWorkingSet")).ToList();
            Console.WriteLine();
            Console.WriteLine("## Memory while piping " + _o.Rows.ToString("N0", CultureInfo.InvariantCulture) + " rows into " + s.Cmdlet + " (child process, sampled between the row generator and the cmdlet)");
            Console.WriteLine();
            Table(
                new[] { "Rows in", "Results out", "Peak working set MiB", "Working set MiB", "Live managed heap MiB" },
                samples.Select(x => new[]
                {
                    long.Parse(x["Rows"], CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture),
                    long.Parse(x["Results"], CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture),
                    Mib(x["PeakWorkingSet"]),
                    Mib(x["WorkingSet"]),
                    Mib(x["ManagedHeap"]),
                }));
            Console.WriteLine();
            if (samples.Count == 3)
            {
                var peakGrowth = Bytes(samples[2], "PeakWorkingSet") / Bytes(samples[0], "PeakWorkingSet");
                var heapFirst = Bytes(samples[0], "ManagedHeap");
                var heapLast = Bytes(samples[2], "ManagedHeap");
                var perRow = (heapLast - heapFirst) / (marks[2] - marks[0]);
                var flat = peakGrowth <= 1.10 && heapLast <= heapFirst * 1.25;
                _targets.Add("Memory over " + _o.Rows.ToString("N0", CultureInfo.InvariantCulture) + " rows: peak working set x" + peakGrowth.ToString("0.00", CultureInfo.InvariantCulture)
                    + " and live managed heap " + (heapFirst / MiB).ToString("0.0", CultureInfo.InvariantCulture) + " -> " + (heapLast / MiB).ToString("0.0", CultureInfo.InvariantCulture)
                    + " MiB (" + perRow.ToString("0", CultureInfo.InvariantCulture) + " bytes retained per row) from row " + marks[0].ToString("N0", CultureInfo.InvariantCulture) + " to " + marks[2].ToString("N0", CultureInfo.InvariantCulture)
                    + "; target flat (taken as: peak working set grows at most 10 % and live heap at most 25 % after the first mark): " + (flat ? "MET" : "MISSED"));
                var model = DuplicateIndexBytesPerInstance(s, marks[2] - marks[0]);
                var lean = LeanDuplicateIndexBytesPerInstance(s, marks[2] - marks[0]);
                Console.WriteLine("For comparison: the cmdlet keeps every accepted instance for the run-wide duplicate check (RenewalCmdletBase._seen,");
                Console.WriteLine("Dictionary<string, RenewalRequest>). Built alone in this process with the same IDs it takes "
                    + model.ToString("0", CultureInfo.InvariantCulture) + " bytes per instance; the live heap above grew "
                    + perRow.ToString("0", CultureInfo.InvariantCulture) + " bytes per row, so about "
                    + Math.Max(0, perRow - model).ToString("0", CultureInfo.InvariantCulture) + " bytes per row are retained by anything else.");
                Console.WriteLine("An index that keeps only each ID and its (shared) batch key, Dictionary<string, string>, takes "
                    + lean.ToString("0", CultureInfo.InvariantCulture) + " bytes per instance.");
                Console.WriteLine();
            }
        }

        private Row? RunScenario(string name, Service s, int instances, int minimumCalls, char tag, int concurrency, int latencyMs, ChildJob job, out ChildReport? report)
        {
            Console.WriteLine("running: " + name + ", " + instances.ToString("N0", CultureInfo.InvariantCulture) + " instance(s) ...");
            Seed(s, tag, instances);
            Emulator.ClearRequests();
            job.Endpoint = Emulator.BaseUri.ToString();
            job.TencentId = Accounts.TencentId;
            job.TencentKey = Accounts.TencentKey;
            job.AlibabaId = Accounts.AlibabaId;
            job.AlibabaSecret = Accounts.AlibabaSecret;
            var jobPath = Path.Combine(_jobFolder, "job-" + _rows.Count.ToString(CultureInfo.InvariantCulture) + ".json");
            File.WriteAllText(jobPath, JsonSerializer.Serialize(job, Child.Json));
            var emulatorCpuBefore = ProcessCpu();
            var (exit, stdout, stderr, _) = StartChild(TimeSpan.FromMinutes(20), Child.RunFlag, jobPath);
            var emulatorCpu = (ProcessCpu() - emulatorCpuBefore).TotalSeconds;
            var line = stdout.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(Child.ReportPrefix, StringComparison.Ordinal));
            report = line is null ? null : JsonSerializer.Deserialize<ChildReport>(line.Substring(Child.ReportPrefix.Length), Child.Json);
            if (report is null || report.Failure != null)
            {
                var why = report?.Failure ?? "exit code " + exit + ", no report. " + stderr.Trim();
                Console.WriteLine("  FAILED: " + why);
                _notes.Add(name + ": the run failed (" + why + ").");
                return null;
            }
            var prefix = s.IdPrefix + tag;
            var calls = Emulator.Requests.Where(r => r.Action == s.Action && r.InstanceIds.Count > 0 && r.InstanceIds[0].StartsWith(prefix, StringComparison.Ordinal)).ToList();
            var concurrencyBound = minimumCalls * latencyMs / 1000.0 / concurrency;
            var rateBound = minimumCalls / s.RateLimit;
            var summary = report.Output.LastOrDefault(o => o.ContainsKey("Statuses"));
            var results = summary is null ? 0 : int.Parse(summary["Results"], CultureInfo.InvariantCulture);
            var outcome = (summary?["Statuses"] ?? "?") + (results == instances ? "" : " (" + results + " results for " + instances + " instances!)")
                + (report.Errors > 0 ? "; " + report.Errors + " error record(s), first: " + report.FirstError : "");
            // Refused: answered with anything but success (a read never executes, so Executed cannot tell).
            var row = new Row(name, instances, minimumCalls, calls.Count, calls.Count(r => r.Outcome != "Success"), report.WallSeconds,
                Math.Max(concurrencyBound, rateBound), rateBound >= concurrencyBound ? "rate" : "latency", report.CpuSeconds,
                report.PeakWorkingSetBytes, report.WorkingSetBeforeBytes, emulatorCpu, outcome);
            _rows.Add(row);
            Console.WriteLine("  " + row.WallSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s, floor " + row.FloorSeconds.ToString("0.00", CultureInfo.InvariantCulture)
                + " s, " + calls.Count + " call(s) (" + row.CallsRefused + " refused" + RefusedAt(calls) + "), results: " + outcome);
            return row;
        }

        private void PrintRenewals()
        {
            if (_rows.Count == 0)
            {
                return;
            }
            Console.WriteLine();
            Console.WriteLine("## Renewals against the emulator (" + _o.LatencyMs + " ms injected latency; rows scenario " + _o.RowsLatencyMs + " ms)");
            Console.WriteLine();
            Table(
                new[] { "Scenario", "Instances", "Calls (refused)", "Wall s", "Floor s", "Ratio", "Req/s", "Client CPU ms/inst", "Peak WS MiB (at start)", "Emulator CPU s", "Results" },
                _rows.Select(r => new[]
                {
                    r.Scenario,
                    r.Instances.ToString("N0", CultureInfo.InvariantCulture),
                    r.CallsSent.ToString("N0", CultureInfo.InvariantCulture) + " (" + r.CallsRefused + ")",
                    r.WallSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                    r.FloorSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " " + r.FloorBasis,
                    r.Ratio.ToString("0.000", CultureInfo.InvariantCulture),
                    r.RequestsPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                    r.CpuMsPerInstance.ToString("0.000", CultureInfo.InvariantCulture),
                    (r.PeakWorkingSet / MiB).ToString("0", CultureInfo.InvariantCulture) + " (" + (r.WorkingSetBefore / MiB).ToString("0", CultureInfo.InvariantCulture) + ")",
                    r.EmulatorCpuSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                    r.Outcome,
                }));
            Console.WriteLine();
            Console.WriteLine("Floor = max(calls x latency / concurrency, calls / rate limit), with calls = the fewest the API allows (ceil(instances / batch size)),");
            Console.WriteLine("concurrency = the default -ThrottleLimit 8 (1 for the sequential typical script), rate limit = CVM RenewInstances 10/s and MongoDB");
            Console.WriteLine("RenewDBInstances 20/s (documented, enforced by the emulator); ECS RenewInstance has no documented limit: the floor uses the module's");
            Console.WriteLine("default pace -MaxRequestsPerSecond 20 while the emulator allows 50/s; discovery: CVM DescribeInstances 40/s and MongoDB DescribeDBInstances");
            Console.WriteLine("20/s, pages of 100 read at most -ThrottleLimit ahead. \"rate\"/\"latency\" says which bound is the floor.");
            Console.WriteLine("Auto-renew policy (issue #17): CVM ModifyInstancesRenewFlag calls at 10/s, plus the completion delay, plus one round trip before the first");
            Console.WriteLine("write and one after the last completion; the reads (DescribeInstances 40/s, before and after) are overlapped with the writes.");
            Console.WriteLine("Wall = the timed pipeline only (input rows are built and the module imported before the clock starts). Calls = requests that reached");
            Console.WriteLine("the emulator, refused = answered without renewing (throttled). Client CPU = the child process's CPU time over the timed pipeline");
            Console.WriteLine("divided by instances: PowerShell plus the module, excluding the emulator, which runs in the parent process (both share the 2 cores).");
            Console.WriteLine("It includes the runtime's one-time JIT and tier-1 recompilation in that fresh process (as in a runbook), which dominates short runs.");
            Console.WriteLine("Peak WS = the child's peak working set (PowerShell runspace included; its working set when the clock started in brackets).");
            Console.WriteLine("Emulator CPU = this (parent) process's CPU time during the scenario: the emulator's cost, kept out of the client figures.");
            Console.WriteLine();
        }

        private void PrintSpeedUps()
        {
            var pairs = _typical.Keys.Where(_bulk.ContainsKey).ToList();
            if (pairs.Count == 0)
            {
                return;
            }
            Console.WriteLine("## Bulk vs typical script (same module, same emulator; typical = one call per instance, sequential)");
            Console.WriteLine();
            var lines = new List<string[]>();
            foreach (var service in pairs)
            {
                var bulk = _bulk[service];
                var typical = _typical[service];
                var perInstance = typical.WallSeconds / typical.Instances;
                var extrapolated = perInstance * bulk.Instances;
                var speedUp = extrapolated / bulk.WallSeconds;
                lines.Add(new[]
                {
                    service,
                    bulk.Instances.ToString("N0", CultureInfo.InvariantCulture),
                    bulk.WallSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                    typical.Instances.ToString("N0", CultureInfo.InvariantCulture),
                    (perInstance * 1000).ToString("0.0", CultureInfo.InvariantCulture),
                    extrapolated.ToString("0", CultureInfo.InvariantCulture),
                    speedUp.ToString("0.0", CultureInfo.InvariantCulture) + "x",
                });
                var bound = service == Service.Ecs.Name ? " (ECS renews one instance per call, so both are bound by the same 20/s pace: no batching to gain)" : "";
                _targets.Add(Verdict(service + " speed-up of bulk over the typical script", speedUp, 50, lowerIsBetter: false, "x") + bound);
            }
            Table(new[] { "Service", "Instances", "Bulk wall s", "Typical sample", "Typical ms/instance", "Typical extrapolated s", "Speed-up" }, lines);
            Console.WriteLine();
            Console.WriteLine("The typical script was timed on a sample (after one untimed warm-up call) and extrapolated: ms/instance x instances.");
            Console.WriteLine("The full sequential run would take the extrapolated time.");
            Console.WriteLine();
        }

        private void ColdImport()
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var empty = Path.Combine(RepoPaths.Root, "tests", "RenewalTools.Benchmarks", "EmptyModule", "bin", configuration, "netstandard2.0", "EmptyModule.psd1");
            var modules = new[] { ("RenewalTools (root manifest)", RepoPaths.RootManifest), ("Empty binary module (1 cmdlet)", empty) };
            var imports = modules.ToDictionary(m => m.Item1, _ => new List<double>());
            var processes = modules.ToDictionary(m => m.Item1, _ => new List<double>());
            Console.WriteLine("running: cold import, " + _o.ImportRuns + " fresh process(es) per module, interleaved ...");
            for (var run = 0; run < _o.ImportRuns; run++)
            {
                foreach (var (label, manifest) in modules)
                {
                    var (exit, stdout, stderr, elapsed) = StartChild(TimeSpan.FromMinutes(2), Child.ImportFlag, manifest);
                    var line = stdout.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(Child.ReportPrefix, StringComparison.Ordinal));
                    if (exit != 0 || line is null)
                    {
                        _notes.Add("Cold import of " + manifest + " failed: " + stderr.Trim());
                        Console.WriteLine("  FAILED: " + label + ": " + stderr.Trim());
                        return;
                    }
                    imports[label].Add(double.Parse(line.Substring(Child.ReportPrefix.Length), CultureInfo.InvariantCulture));
                    processes[label].Add(elapsed.TotalMilliseconds);
                }
            }
            Console.WriteLine();
            Console.WriteLine("## Cold import (a fresh process each time; median of " + _o.ImportRuns + ")");
            Console.WriteLine();
            Table(
                new[] { "Module", "Import-Module ms (median)", "Import-Module ms (all runs)", "Whole process ms (median)" },
                modules.Select(m => new[]
                {
                    m.Item1,
                    Median(imports[m.Item1]).ToString("0", CultureInfo.InvariantCulture),
                    string.Join(" ", imports[m.Item1].Select(v => v.ToString("0", CultureInfo.InvariantCulture))),
                    Median(processes[m.Item1]).ToString("0", CultureInfo.InvariantCulture),
                }));
            var ratio = Median(imports[modules[0].Item1]) / Median(imports[modules[1].Item1]);
            var processRatio = Median(processes[modules[0].Item1]) / Median(processes[modules[1].Item1]);
            Console.WriteLine();
            Console.WriteLine("Import-Module ms = the Import-Module command alone, timed inside a fresh process after its runspace (CreateDefault2) is open.");
            Console.WriteLine("Whole process = start to exit of that process (runtime start, runspace, import), measured by the parent.");
            Console.WriteLine();
            _targets.Add(Verdict("Cold Import-Module, RenewalTools vs empty binary module", ratio, 1.5, lowerIsBetter: true, "x")
                + " (whole process: x" + processRatio.ToString("0.00", CultureInfo.InvariantCulture) + ")");
        }

        private void Signing()
        {
            var figures = SigningCost.Measure();
            Console.WriteLine("## Building and signing one request (engine clients in-process, Stopwatch loop)");
            Console.WriteLine();
            Table(
                new[] { "Request", "Instances", "us/request", "us/instance" },
                figures.Select(f => new[]
                {
                    f.Request,
                    f.Instances.ToString(CultureInfo.InvariantCulture),
                    f.MicrosecondsPerRequest.ToString("0.0", CultureInfo.InvariantCulture),
                    f.MicrosecondsPerInstance.ToString("0.00", CultureInfo.InvariantCulture),
                }));
            Console.WriteLine();
        }

        private static string Verdict(string what, double value, double target, bool lowerIsBetter, string unit)
        {
            var met = lowerIsBetter ? value <= target : value >= target;
            return what + ": " + unit + value.ToString(value >= 10 ? "0.0" : "0.000", CultureInfo.InvariantCulture) + ", target " + (lowerIsBetter ? "<= " : ">= ")
                + unit + target.ToString("0.##", CultureInfo.InvariantCulture) + ": " + (met ? "MET" : "MISSED");
        }

        private static (int Exit, string Stdout, string Stderr, TimeSpan Elapsed) StartChild(TimeSpan limit, params string[] args)
        {
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
            var start = new ProcessStartInfo(self)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
            {
                start.ArgumentList.Add(typeof(Program).Assembly.Location);
            }
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + self);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (-1, stdout.Result, "timed out after " + limit + ". " + stderr.Result, clock.Elapsed);
            }
            process.WaitForExit();
            var elapsed = clock.Elapsed;
            return (process.ExitCode, stdout.Result, stderr.Result, elapsed);
        }

        private static void Table(string[] headers, IEnumerable<string[]> rows)
        {
            Console.WriteLine("| " + string.Join(" | ", headers) + " |");
            Console.WriteLine("|" + string.Join("|", headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
            foreach (var row in rows)
            {
                Console.WriteLine("| " + string.Join(" | ", row) + " |");
            }
        }

        /// <summary>
        /// Creates the scenario's instances up front and has the emulator index each one. The emulator finds an ID it has
        /// not indexed yet by scanning its whole instance list under its one lock, so with auto-creation 100,000 new IDs
        /// cost O(n^2) and that, not the module, bounded the rows scenario (measured: 69 s of emulator CPU, 84 s wall).
        /// Indexing while the list holds only that instance makes each lookup O(1); nothing else runs yet (no request in flight).
        /// </summary>
        private void Seed(Service s, char tag, int count)
        {
            var list = Emulator.Scenario.Instances;
            var existing = list.ToList();
            var created = Enumerable.Range(0, count).Select(i => new EmulatedInstance
            {
                Id = s.IdOf(tag, i),
                Service = s.EmulatorService,
                Region = s.Region,
                ChargeType = s.EmulatorService == "ecs" ? "PrePaid" : "PREPAID",
                State = s.EmulatorService == "ecs" ? "Running" : "RUNNING",
                Expiry = DateTimeOffset.UtcNow.AddDays(30),
                MonthlyPrice = 0m,
            }).ToList();
            foreach (var instance in created)
            {
                list.Clear();
                list.Add(instance);
                _ = Emulator.Instance(instance.Id);
            }
            list.Clear();
            list.AddRange(existing);
            list.AddRange(created);
        }

        /// <summary>Where in the run the refused calls came (call numbers from 0), with the gaps between the arrivals before each.</summary>
        private static string RefusedAt(List<RecordedRequest> calls)
        {
            var refused = calls.Select((r, i) => (r, i)).Where(x => x.r.Outcome != "Success").Take(5).ToList();
            if (refused.Count == 0)
            {
                return "";
            }
            return ": " + string.Join("; ", refused.Select(x => "call #" + x.i + " after arrival gaps of "
                + string.Join(",", Enumerable.Range(Math.Max(1, x.i - 10), Math.Min(10, x.i)).Select(k => (calls[k].Time - calls[k - 1].Time).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))
                + " ms"));
        }

        /// <summary>The live-heap cost of one entry of the cmdlet's duplicate index, same key comparer, same ID and region strings.</summary>
        private static double DuplicateIndexBytesPerInstance(Service s, int count)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var seen = new Dictionary<string, RenewalRequest>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < count; i++)
            {
                var id = s.IdOf('m', i);
                seen[id] = new RenewalRequest(id, s.Region) { Period = 1 };
            }
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(seen);
            return (after - before) / (double)count;
        }

        /// <summary>The same duplicate check keeping only what WriteDuplicate compares: the earlier row's batch key, one string shared by all rows.</summary>
        private static double LeanDuplicateIndexBytesPerInstance(Service s, int count)
        {
            var key = s.Region + "|1|Month|||";
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < count; i++)
            {
                seen[s.IdOf('l', i)] = key;
            }
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(seen);
            return (after - before) / (double)count;
        }

        private static TimeSpan ProcessCpu()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private static double Bytes(Dictionary<string, string> sample, string key) => double.Parse(sample[key], CultureInfo.InvariantCulture);

        private static string Mib(string bytes) => (double.Parse(bytes, CultureInfo.InvariantCulture) / MiB).ToString("0.0", CultureInfo.InvariantCulture);
    }
}
