using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Threading.Tasks;
using CloudEmulator;
using RenewalTools.Tests.Harness;

namespace RenewalTools.Demo
{
    /// <summary>
    /// The everyday job without pwsh or a cloud account: the emulator with demo.json, then EverydayJob.ps1 in a hosted
    /// PowerShell whose host writes to this console, so tables are the module's own format views.
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main()
        {
            var watch = Stopwatch.StartNew();
            var root = RepoRoot();
            var scenario = Scenario.Load(Path.Combine(root, "tests", "CloudEmulator", "scenarios", "demo.json"));
            scenario.LogRequests = false;
            await using var emulator = await EmulatorHost.StartAsync(scenario);
            Console.WriteLine("Cloud emulator (tests/CloudEmulator/scenarios/demo.json) on " + emulator.BaseUri);

            var host = new TestHost(interactive: false, echo: Console.Out);
            var width = ConsoleWidth();
            host.UI.RawUI.BufferSize = new Size(width, 50);
            host.UI.RawUI.WindowSize = new Size(width, 50);
            var state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                // Windows only: elsewhere PowerShell has no execution policy (setting one throws).
                state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            }
            using var runspace = RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
            if (Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") != null)
            {
                // A log or a pipe gets the tables without colour escapes.
                using var plain = PowerShell.Create();
                plain.Runspace = runspace;
                plain.AddScript("$PSStyle.OutputRendering = 'PlainText'").Invoke();
            }
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand(Path.Combine(root, "tests", "Demo", "EverydayJob.ps1"))
                .AddParameter("Endpoint", emulator.BaseUri.ToString())
                .AddParameter("TencentCredential", Credential(scenario, "tencent"))
                .AddParameter("AlibabaCredential", Credential(scenario, "alibaba"));
            // Warnings and errors shown where they happen, as a console would.
            ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.All, PipelineResultTypes.Output);
            ps.AddCommand("Out-Default");
            try
            {
                ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                Console.WriteLine();
                Console.WriteLine("The demo failed: " + ex.Message);
                return 1;
            }
            Console.WriteLine();
            Console.WriteLine("Done in " + watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s.");
            return ps.HadErrors ? 1 : 0;
        }

        private static PSCredential Credential(Scenario scenario, string provider)
        {
            var account = scenario.Accounts.First(a => a.Provider == provider);
            return new PSCredential(account.Id, new NetworkCredential("", account.Secret).SecurePassword);
        }

        /// <summary>The console's width, 120 when output is redirected; at least the 80 columns the views are made for.</summary>
        private static int ConsoleWidth()
        {
            try
            {
                return Console.IsOutputRedirected ? 120 : Math.Max(80, Console.WindowWidth);
            }
            catch (IOException)
            {
                return 120;
            }
        }

        private static string RepoRoot()
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
