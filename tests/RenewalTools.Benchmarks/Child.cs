using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Text.Json;
using RenewalTools.Tests.Harness;

namespace RenewalTools.Benchmarks
{
    /// <summary>What a child process runs: setup (untimed), the timed script, then a script that reports (untimed).</summary>
    internal sealed class ChildJob
    {
        public string Setup { get; set; } = "";
        public string Timed { get; set; } = "";
        public string After { get; set; } = "";
        public string Endpoint { get; set; } = "";
        public string TencentId { get; set; } = "";
        public string TencentKey { get; set; } = "";
        public string AlibabaId { get; set; } = "";
        public string AlibabaSecret { get; set; } = "";
    }

    /// <summary>What a child process measured about itself: only the module's work, never the emulator's.</summary>
    internal sealed class ChildReport
    {
        public double WallSeconds { get; set; }
        public double CpuSeconds { get; set; }
        public long WorkingSetBeforeBytes { get; set; }
        public long PeakWorkingSetBytes { get; set; }
        public List<Dictionary<string, string>> Output { get; set; } = new List<Dictionary<string, string>>();
        public int Errors { get; set; }
        public string? FirstError { get; set; }
        public string? Failure { get; set; }
    }

    /// <summary>
    /// The module runs in a child process (the emulator stays in the parent) so that process CPU time and working set
    /// are the module's and PowerShell's alone.
    /// </summary>
    internal static class Child
    {
        public const string RunFlag = "--child-run";
        public const string ImportFlag = "--child-import";
        public const string ReportPrefix = "BENCH-REPORT ";

        internal static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        public static int Run(string jobPath)
        {
            var job = JsonSerializer.Deserialize<ChildJob>(File.ReadAllText(jobPath), Json) ?? throw new InvalidDataException("Empty job " + jobPath);
            var report = new ChildReport();
            using (var ps = new PowerShellRun(interactive: false))
            {
                var variables = new Dictionary<string, object?>
                {
                    ["endpoint"] = job.Endpoint,
                    ["cred"] = Credential(job.TencentId, job.TencentKey),
                    ["ali"] = Credential(job.AlibabaId, job.AlibabaSecret),
                };
                if (!Step(ps.Invoke(job.Setup, variables), report, "setup"))
                {
                    return Emit(report);
                }
                GC.Collect();
                GC.WaitForPendingFinalizers();
                report.WorkingSetBeforeBytes = CurrentProcess(p => p.WorkingSet64);
                var cpuBefore = CurrentProcess(p => p.TotalProcessorTime);
                var clock = Stopwatch.StartNew();
                var timed = ps.Invoke(job.Timed);
                clock.Stop();
                report.CpuSeconds = (CurrentProcess(p => p.TotalProcessorTime) - cpuBefore).TotalSeconds;
                report.WallSeconds = clock.Elapsed.TotalSeconds;
                report.PeakWorkingSetBytes = CurrentProcess(p => p.PeakWorkingSet64);
                report.Errors = timed.Errors.Count;
                report.FirstError = timed.Errors.FirstOrDefault()?.ToString();
                if (!Step(timed, report, "timed script"))
                {
                    return Emit(report);
                }
                var after = ps.Invoke(job.After);
                Step(after, report, "report script");
                report.Output = after.Output.Select(Flatten).ToList();
            }
            return Emit(report);
        }

        /// <summary>A fresh process: runspace first (untimed), then Import-Module alone timed, printed in milliseconds.</summary>
        public static int Import(string manifest)
        {
            using var ps = new PowerShellRun(interactive: false, importModule: false);
            var clock = Stopwatch.StartNew();
            var result = ps.Invoke("Import-Module '" + manifest.Replace("'", "''", StringComparison.Ordinal) + "' -ErrorAction Stop");
            clock.Stop();
            if (result.Terminating != null || result.Errors.Count > 0)
            {
                Console.Error.WriteLine("Import-Module failed: " + result.Terminating + string.Join("; ", result.Errors));
                return 1;
            }
            Console.WriteLine(ReportPrefix + clock.Elapsed.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture));
            return 0;
        }

        private static bool Step(RunResult result, ChildReport report, string what)
        {
            if (result.Terminating is null)
            {
                return true;
            }
            report.Failure = what + " failed: " + result.Terminating.Message;
            return false;
        }

        private static int Emit(ChildReport report)
        {
            Console.WriteLine(ReportPrefix + JsonSerializer.Serialize(report, Json));
            return report.Failure is null ? 0 : 1;
        }

        private static Dictionary<string, string> Flatten(PSObject o) =>
            o.BaseObject is string s
                ? new Dictionary<string, string> { ["Text"] = s }
                : o.Properties.ToDictionary(p => p.Name, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);

        private static T CurrentProcess<T>(Func<Process, T> read)
        {
            using var process = Process.GetCurrentProcess();
            return read(process);
        }

        private static PSCredential Credential(string id, string secret) => new PSCredential(id, new NetworkCredential("", secret).SecurePassword);
    }
}
