using System.Linq;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    public class ModuleSurfaceTests
    {
        private static readonly string[] Exported = { "Get-CvmInstance", "Get-CvmRenewalQuote", "Get-EcsInstance", "Get-EcsRenewalQuote", "Get-MongoDbInstance", "Get-MongoDbRenewalQuote", "Get-RenewalJournal", "Invoke-CvmRenewal", "Invoke-EcsRenewal", "Invoke-MongoDbRenewal", "Set-CvmAutoRenew", "Set-EcsAutoRenew", "Set-MongoDbAutoRenew" };

        [Fact]
        public void Root_manifest_passes_Test_ModuleManifest_and_exports_the_cmdlets()
        {
            using var ps = new PowerShellRun(importModule: false);
            var r = ps.Invoke("$m = Test-ModuleManifest -Path '" + RepoPaths.RootManifest + "' -ErrorAction Stop; $m.ExportedCmdlets.Keys; $m.ExportedFunctions.Count; $m.ExportedAliases.Count");
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            var lines = r.Output.Select(o => o.ToString()).ToArray();
            Assert.Equal(Exported, lines.Take(Exported.Length).OrderBy(x => x, System.StringComparer.Ordinal).ToArray());
            Assert.Equal(new[] { "0", "0" }, lines.Skip(Exported.Length).ToArray());
        }

        [Fact]
        public void Import_from_root_exposes_exactly_the_cmdlets_and_no_SMA_copy_is_shipped()
        {
            using var ps = new PowerShellRun();
            var r = ps.Invoke("(Get-Command -Module RenewalTools).Name");
            Assert.Equal(Exported, r.Output.Select(o => o.ToString()).OrderBy(x => x, System.StringComparer.Ordinal).ToArray());
            Assert.False(System.IO.File.Exists(System.IO.Path.Combine(RepoPaths.ModuleOutput, "System.Management.Automation.dll")));
        }

        [Fact]
        public void Help_and_format_work_when_imported_through_the_root_manifest()
        {
            using var ps = new PowerShellRun();
            var r = ps.Invoke("$h = Get-Help Invoke-EcsRenewal -Full; $h.Synopsis; @($h.examples.example).Count; (Get-Command Invoke-EcsRenewal).ModuleName");
            Assert.Empty(r.Errors);
            var lines = r.Output.Select(o => o.ToString()).ToArray();
            Assert.DoesNotContain("Invoke-EcsRenewal ", lines[0], System.StringComparison.Ordinal);
            Assert.True(int.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture) >= 3);
            Assert.Equal("RenewalTools", lines[2]);
        }

        [Fact]
        public void Packaged_manifest_is_the_root_manifest_with_the_binary_as_root_module_and_versions_agree()
        {
            var root = System.IO.File.ReadAllText(RepoPaths.RootManifest);
            var packaged = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoPaths.ModuleOutput, "RenewalTools.psd1"));
            var expected = root.Replace("NestedModules        = @('RequireBuild.psm1', 'out/RenewalTools/RenewalTools.psd1')", "RootModule           = 'RenewalTools.dll'" + System.Environment.NewLine + "    FormatsToProcess     = @('RenewalTools.Format.ps1xml')", System.StringComparison.Ordinal);
            Assert.NotEqual(root, expected);
            Assert.Equal(expected.TrimEnd(), packaged.TrimEnd());
            var props = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoPaths.Root, "Directory.Build.props"));
            var version = System.Text.RegularExpressions.Regex.Match(props, "<ModuleVersion>(.*)</ModuleVersion>").Groups[1].Value;
            Assert.Contains("ModuleVersion        = '" + version + "'", root, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Root_manifest_imported_before_any_build_says_to_run_dotnet_build_first()
        {
            var unbuiltRepo = System.IO.Directory.CreateTempSubdirectory("renewaltools-unbuilt-").FullName;
            try
            {
                foreach (var file in new[] { "RenewalTools.psd1", "RequireBuild.psm1" })
                {
                    System.IO.File.Copy(System.IO.Path.Combine(RepoPaths.Root, file), System.IO.Path.Combine(unbuiltRepo, file));
                }
                using var ps = new PowerShellRun(importModule: false);
                var r = ps.Invoke("try { Import-Module '" + System.IO.Path.Combine(unbuiltRepo, "RenewalTools.psd1") + "' -ErrorAction Stop } catch { $_ }");
                var error = Assert.IsType<System.Management.Automation.ErrorRecord>(Assert.Single(r.Output).BaseObject);
                Assert.StartsWith("ModuleNotBuilt", error.FullyQualifiedErrorId, System.StringComparison.Ordinal);
                Assert.Contains("Run dotnet build first", error.Exception.Message, System.StringComparison.Ordinal);
                Assert.Contains(System.IO.Path.Combine(unbuiltRepo, "out", "RenewalTools", "RenewalTools.psd1"), error.Exception.Message, System.StringComparison.Ordinal);
                Assert.Empty(ps.Invoke("Get-Module RenewalTools").Output);
            }
            finally
            {
                System.IO.Directory.Delete(unbuiltRepo, recursive: true);
            }
        }
    }
}
