using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Threading.Tasks;
using CloudEmulator;
using RenewalTools.Tests.Harness;

namespace RenewalTools.Demo
{
    /// <summary>
    /// The main job without pwsh or a cloud account: each example CSV piped into its cmdlet with -Force against the
    /// emulator, results printed with the format view's columns.
    /// </summary>
    internal static class Program
    {
        private static readonly string[] Columns = { "Service", "InstanceId", "Region", "Period", "Status", "RequestId", "ErrorCode" };

        private static async Task<int> Main()
        {
            var root = RepoRoot();
            var scenario = Scenario.Load(Path.Combine(root, "tests", "CloudEmulator", "scenarios", "demo.json"));
            scenario.LogRequests = false;
            await using var emulator = await EmulatorHost.StartAsync(scenario);
            Console.WriteLine("Cloud emulator (tests/CloudEmulator/scenarios/demo.json) on " + emulator.BaseUri);

            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            Invoke(runspace, "Import-Module $manifest -ErrorAction Stop", new() { ["manifest"] = Path.Combine(root, "RenewalTools.psd1") });
            Console.WriteLine("Imported " + Path.Combine(root, "RenewalTools.psd1"));

            var tencent = Credential(scenario, "tencent");
            var alibaba = Credential(scenario, "alibaba");
            var runs = new[]
            {
                ("Invoke-CvmRenewal", "cvm-instances.csv", tencent),
                ("Invoke-MongoDbRenewal", "mongodb-instances.csv", tencent),
                ("Invoke-EcsRenewal", "ecs-instances.csv", alibaba),
            };
            var results = new List<PSObject>();
            var errors = new List<ErrorRecord>();
            foreach (var (cmdlet, csv, credential) in runs)
            {
                var rows = Csv.Rows(File.ReadAllText(Path.Combine(root, "examples", csv)));
                var script = "$rows | " + cmdlet + " -Credential $cred -Endpoint $endpoint -Force";
                Console.WriteLine();
                Console.WriteLine("PS> Import-Csv examples/" + csv + " | " + cmdlet + " -Credential $cred -Endpoint " + emulator.BaseUri.ToString().TrimEnd('/') + " -Force");
                var (output, runErrors) = Invoke(runspace, script, new() { ["rows"] = rows, ["cred"] = credential, ["endpoint"] = emulator.BaseUri.ToString() });
                results.AddRange(output);
                errors.AddRange(runErrors);
                Console.WriteLine("   " + rows.Length + " row(s) in, " + output.Count + " result(s) out, " + runErrors.Count + " non-terminating error(s)");
            }

            Console.WriteLine();
            PrintTable(results);
            Console.WriteLine();
            foreach (var error in errors)
            {
                Console.WriteLine("error " + error.FullyQualifiedErrorId + ": " + error.Exception.Message);
            }
            Console.WriteLine();
            var renewals = emulator.Requests.Count(r => r.Executed);
            Console.WriteLine(emulator.Requests.Count + " request(s) reached the emulator; " + renewals + " renewed something (each instance at most once: "
                + string.Join(", ", scenario.Instances.Select(i => i.Id + "=" + emulator.RenewalCount(i.Id).ToString(CultureInfo.InvariantCulture))) + ").");
            return 0;
        }

        private static (List<PSObject> Output, List<ErrorRecord> Errors) Invoke(Runspace runspace, string script, Dictionary<string, object?> variables)
        {
            foreach (var v in variables)
            {
                runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
            }
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(script);
            var output = ps.Invoke().Where(o => o != null).ToList();
            return (output, ps.Streams.Error.ToList());
        }

        private static PSCredential Credential(Scenario scenario, string provider)
        {
            var account = scenario.Accounts.First(a => a.Provider == provider);
            return new PSCredential(account.Id, new NetworkCredential("", account.Secret).SecurePassword);
        }

        /// <summary>The columns of RenewalTools.Format.ps1xml's table view, Period shown as "1 Month" as the view does.</summary>
        private static void PrintTable(List<PSObject> results)
        {
            var rows = results.Select(r => Columns.Select(c => Cell(r, c)).ToArray()).ToList();
            var widths = Columns.Select((c, i) => rows.Select(r => r[i].Length).Append(c.Length).Max()).ToArray();
            Console.WriteLine(string.Join(" ", Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            Console.WriteLine(string.Join(" ", widths.Select(w => new string('-', w))));
            foreach (var row in rows)
            {
                Console.WriteLine(string.Join(" ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
            }
        }

        private static string Cell(PSObject result, string column)
        {
            if (column == "Period")
            {
                var period = result.Properties["Period"]?.Value;
                return period is null ? "" : period + " " + result.Properties["PeriodUnit"]?.Value;
            }
            return result.Properties[column]?.Value?.ToString() ?? "";
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
