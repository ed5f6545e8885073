using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>PSModulePath is process-wide: these tests must not run beside any other test.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "Process environment";
    }

    /// <summary>out/RenewalTools.zip as Azure Automation imports it: unpacked into a module path and imported by name.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class PackageTests : IDisposable
    {
        private static readonly string Zip = Path.Combine(RepoPaths.Root, "out", "RenewalTools.zip");
        private readonly string _modulePath = Path.Combine(Path.GetTempPath(), "RenewalTools.PackageTests." + Guid.NewGuid().ToString("N"));

        public PackageTests()
        {
            Directory.CreateDirectory(_modulePath);
            ZipFile.ExtractToDirectory(Zip, _modulePath);
        }

        public void Dispose() => Directory.Delete(_modulePath, recursive: true);

        [Fact]
        public void Zip_holds_the_module_folder_at_its_root_with_matching_names_and_no_PowerShell_assembly()
        {
            using var zip = ZipFile.OpenRead(Zip);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.All(names, n => Assert.StartsWith("RenewalTools/", n, StringComparison.Ordinal));
            Assert.DoesNotContain(names, n => n.Contains('\\', StringComparison.Ordinal));
            foreach (var expected in new[] { "RenewalTools.psd1", "RenewalTools.dll", "RenewalTools.Engine.dll", "System.Text.Json.dll", "RenewalTools.Format.ps1xml", "en-US/RenewalTools.dll-Help.xml", "en-US/about_RenewalTools.help.txt" })
            {
                Assert.Contains("RenewalTools/" + expected, names);
            }
            Assert.DoesNotContain(names, n => n.EndsWith("/System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase));
            // Everything the laid-out module has, the zip has: the package is the layout, not a second copy of rules.
            var layout = Directory.GetFiles(RepoPaths.ModuleOutput, "*", SearchOption.AllDirectories)
                .Select(f => "RenewalTools/" + Path.GetRelativePath(RepoPaths.ModuleOutput, f).Replace('\\', '/'));
            Assert.Equal(layout.OrderBy(n => n, StringComparer.Ordinal), names.Where(n => !n.EndsWith('/')).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Unpacked_into_PSModulePath_it_imports_by_name_and_its_manifest_passes_Test_ModuleManifest()
        {
            var saved = Environment.GetEnvironmentVariable("PSModulePath");
            try
            {
                Environment.SetEnvironmentVariable("PSModulePath", _modulePath);
                using var ps = new PowerShellRun(importModule: false);
                var r = ps.Invoke(
                    "Import-Module RenewalTools -ErrorAction Stop\n" +
                    "$m = Get-Module RenewalTools\n" +
                    "$m.ModuleBase\n" +
                    "$m.Version.ToString()\n" +
                    "(Get-Command -Module RenewalTools -CommandType Cmdlet).Name -join ','\n" +
                    "(Get-Help Invoke-CvmRenewal).Synopsis\n" +
                    "$t = Test-ModuleManifest -Path ([System.IO.Path]::Combine($m.ModuleBase, 'RenewalTools.psd1')) -ErrorAction Stop\n" +
                    "$t.Version.ToString()\n" +
                    "$t.ExportedCmdlets.Keys -join ','");
                Assert.Null(r.Terminating);
                Assert.Empty(r.Errors);
                var lines = r.Output.Select(o => o.ToString()).ToArray();
                Assert.Equal(Path.Combine(_modulePath, "RenewalTools"), lines[0].TrimEnd(Path.DirectorySeparatorChar));
                var props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
                var version = Regex.Match(props, "<ModuleVersion>(.*)</ModuleVersion>").Groups[1].Value;
                Assert.Equal(version, lines[1]);
                var cmdlets = lines[2].Split(',');
                Assert.Contains("Invoke-CvmRenewal", cmdlets);
                Assert.Contains("Invoke-MongoDbRenewal", cmdlets);
                Assert.Contains("Invoke-EcsRenewal", cmdlets);
                Assert.Equal("Renews prepaid Tencent Cloud CVM instances, one result per instance, never twice.", lines[3]);
                Assert.Equal(version, lines[4]);
                Assert.Equal(cmdlets.OrderBy(c => c, StringComparer.Ordinal), lines[5].Split(',').OrderBy(c => c, StringComparer.Ordinal));
            }
            finally
            {
                Environment.SetEnvironmentVariable("PSModulePath", saved);
            }
        }
    }
}
