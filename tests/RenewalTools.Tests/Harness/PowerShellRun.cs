using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace RenewalTools.Tests.Harness
{
    /// <summary>Everything one pipeline wrote, stream by stream.</summary>
    public sealed class RunResult
    {
        public List<PSObject> Output { get; } = new List<PSObject>();
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        public List<WarningRecord> Warnings { get; } = new List<WarningRecord>();
        public List<VerboseRecord> Verbose { get; } = new List<VerboseRecord>();
        public List<DebugRecord> Debug { get; } = new List<DebugRecord>();
        public List<InformationRecord> Information { get; } = new List<InformationRecord>();
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();
        /// <summary>Set when the pipeline ended with a terminating error.</summary>
        public Exception? Terminating { get; set; }
        public List<string> HostLines { get; } = new List<string>();
        public List<string> Prompts { get; } = new List<string>();

        public List<RenewalResult> Results => Output.Select(o => o.BaseObject).OfType<RenewalResult>().ToList();

        public List<AutoRenewResult> PolicyResults => Output.Select(o => o.BaseObject).OfType<AutoRenewResult>().ToList();

        /// <summary>Every text a person or a log could see, for secret-leak checks.</summary>
        public string AllText()
        {
            var parts = new List<string>();
            parts.AddRange(Output.Select(o => o.ToString()));
            parts.AddRange(Results.SelectMany(r => typeof(RenewalResult).GetProperties().Select(p => p.GetValue(r)?.ToString() ?? "")));
            parts.AddRange(Errors.SelectMany(e => new[] { e.ToString(), e.Exception?.ToString() ?? "", e.FullyQualifiedErrorId, e.TargetObject?.ToString() ?? "", e.ErrorDetails?.Message ?? "" }));
            parts.AddRange(Warnings.Select(w => w.Message));
            parts.AddRange(Verbose.Select(v => v.Message));
            parts.AddRange(Debug.Select(d => d.Message));
            parts.AddRange(Information.Select(i => i.MessageData?.ToString() ?? ""));
            parts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription));
            parts.Add(Terminating?.ToString() ?? "");
            parts.AddRange(HostLines);
            return string.Join("\n", parts);
        }
    }

    /// <summary>
    /// Runs PowerShell script in the real engine, hosted in-process, with RenewalTools imported through the repo's
    /// root manifest exactly as a user would import it.
    /// </summary>
    public sealed class PowerShellRun : IDisposable
    {
        private readonly Runspace _runspace;

        /// <param name="readCloudState">
        /// False: the renewal cmdlets default to -NoWait (no read back) and, on Tencent, to -RenewFlag NOTIFY_AND_MANUAL_RENEW
        /// (so nothing is read before either), the renewal-only behaviour most suites were written against; the read side
        /// has suites of its own that pass true.
        /// </param>
        public PowerShellRun(bool interactive = true, bool importModule = true, bool readCloudState = false)
        {
            Host = new TestHost(interactive);
            var state = InitialSessionState.CreateDefault2();
            _runspace = RunspaceFactory.CreateRunspace(Host, state);
            _runspace.Open();
            if (importModule)
            {
                var import = Invoke("Import-Module '" + RepoPaths.RootManifest + "' -ErrorAction Stop");
                if (import.Terminating != null || import.Errors.Count > 0)
                {
                    throw new InvalidOperationException("Import-Module failed: " + import.Terminating + string.Join("; ", import.Errors));
                }
                if (!readCloudState)
                {
                    // Renewal-only also means an explicit auto-renew flag: a Tencent renewal without one reads the instance's
                    // own flag before sending, even with -NoWait (issue #16).
                    Invoke("$PSDefaultParameterValues['Invoke-*Renewal:NoWait'] = $true; " + DefaultFlags);
                    _renewalOnly = true;
                }
            }
        }

        public TestHost Host { get; }

        private const string DefaultFlags = "$PSDefaultParameterValues['Invoke-CvmRenewal:RenewFlag'] = 'NOTIFY_AND_MANUAL_RENEW'; $PSDefaultParameterValues['Invoke-MongoDbRenewal:RenewFlag'] = 'NOTIFY_AND_MANUAL_RENEW'";
        private static readonly System.Text.RegularExpressions.Regex SingleLegacyApi = new System.Text.RegularExpressions.Regex("-Api +Legacy(RenewInstance|RenewMongoDB)\\b");
        private bool _renewalOnly;

        /// <summary>The single-instance legacy actions have no RenewFlag parameter: the renewal-only default flag is left out for them.</summary>
        public RunResult Invoke(string script, IDictionary<string, object?>? variables = null)
        {
            if (!_renewalOnly || !SingleLegacyApi.IsMatch(script))
            {
                return InvokeScript(script, variables);
            }
            InvokeScript("$PSDefaultParameterValues.Remove('Invoke-CvmRenewal:RenewFlag'); $PSDefaultParameterValues.Remove('Invoke-MongoDbRenewal:RenewFlag')", null);
            try
            {
                return InvokeScript(script, variables);
            }
            finally
            {
                InvokeScript(DefaultFlags, null);
            }
        }

        private RunResult InvokeScript(string script, IDictionary<string, object?>? variables)
        {
            Host.Lines.Clear();
            Host.Prompts.Clear();
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            if (variables != null)
            {
                foreach (var v in variables)
                {
                    _runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
                }
            }
            ps.AddScript(script);
            var result = new RunResult();
            try
            {
                foreach (var o in ps.Invoke())
                {
                    if (o != null)
                    {
                        result.Output.Add(o);
                    }
                }
            }
            catch (RuntimeException ex)
            {
                result.Terminating = ex;
            }
            result.Errors.AddRange(ps.Streams.Error);
            result.Warnings.AddRange(ps.Streams.Warning);
            result.Verbose.AddRange(ps.Streams.Verbose);
            result.Debug.AddRange(ps.Streams.Debug);
            result.Information.AddRange(ps.Streams.Information);
            result.Progress.AddRange(ps.Streams.Progress);
            result.HostLines.AddRange(Host.Lines);
            result.Prompts.AddRange(Host.Prompts);
            return result;
        }

        /// <summary>Starts script, calls Stop() (Ctrl+C) once <paramref name="stopWhen"/> holds, and reports how long Stop took.</summary>
        public RunResult InvokeAndStop(string script, IDictionary<string, object?> variables, Func<bool> stopWhen, TimeSpan giveUp, out TimeSpan stopTook)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            foreach (var v in variables)
            {
                _runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
            }
            ps.AddScript(script);
            var output = new PSDataCollection<PSObject>();
            var pending = ps.BeginInvoke<PSObject, PSObject>(null, output);
            var deadline = DateTime.UtcNow + giveUp;
            while (!stopWhen() && !pending.IsCompleted && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(10);
            }
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ps.Stop();
            stopTook = watch.Elapsed;
            var result = new RunResult();
            result.Output.AddRange(output.Where(o => o != null));
            try
            {
                ps.EndInvoke(pending);
            }
            catch (RuntimeException ex)
            {
                result.Terminating = ex;
            }
            result.Errors.AddRange(ps.Streams.Error);
            return result;
        }

        public void Dispose() => _runspace.Dispose();
    }

    public static class RepoPaths
    {
        public static string Root { get; } = FindRoot();

        public static string RootManifest => Path.Combine(Root, "RenewalTools.psd1");

        public static string ModuleOutput => Path.Combine(Root, "out", "RenewalTools");

        /// <summary>The runner built beside the tests, in the same configuration.</summary>
        public static string Runner
        {
            get
            {
                var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
                return Path.Combine(Root, "tests", "RenewalRunner", "bin", configuration, "net10.0", "RenewalRunner.dll");
            }
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RenewalTools.psd1")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("RenewalTools.psd1 not found above " + AppContext.BaseDirectory);
        }
    }
}
