using System;
using System.Diagnostics;
using System.IO;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>
    /// Debug and Release builds share out/RenewalTools/: the build's RecordLayoutConfiguration target, run alone on a
    /// scratch layout folder, must say when one configuration replaces the other's layout.
    /// </summary>
    public sealed class LayoutConfigurationTests : IDisposable
    {
        private static readonly string Project = Path.Combine(RepoPaths.Root, "src", "RenewalTools", "RenewalTools.csproj");
        private readonly string _out = Directory.CreateTempSubdirectory("renewaltools-layout-").FullName;

        private string RecordedConfiguration => File.ReadAllText(Path.Combine(_out, "RenewalTools.configuration")).Trim();

        public void Dispose() => Directory.Delete(_out, recursive: true);

        [Fact]
        public void A_build_of_the_other_configuration_warns_that_it_replaces_the_layout_and_records_itself()
        {
            Assert.DoesNotContain("RT0001", LayOut("Debug"), StringComparison.Ordinal);
            Assert.Equal("Debug", RecordedConfiguration);
            Assert.DoesNotContain("RT0001", LayOut("Debug"), StringComparison.Ordinal);

            var replaced = LayOut("Release");

            Assert.Contains("warning RT0001", replaced, StringComparison.Ordinal);
            Assert.Contains("held the Debug build; this Release build replaces it", replaced, StringComparison.Ordinal);
            Assert.Equal("Release", RecordedConfiguration);
        }

        /// <summary>Runs only the recording step of the layout, for <paramref name="configuration"/>, and returns the build output.</summary>
        private string LayOut(string configuration)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                "msbuild", Project, "-t:RecordLayoutConfiguration", "-p:Configuration=" + configuration,
                "-p:ModuleLayoutDir=" + Path.Combine(_out, "RenewalTools") + Path.DirectorySeparatorChar, "-nologo", "-nodeReuse:false", "-tl:off",
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var build = Process.Start(start)!;
            var errors = build.StandardError.ReadToEndAsync();
            var output = build.StandardOutput.ReadToEnd();
            Assert.True(build.WaitForExit(120000), "dotnet msbuild did not finish");
            Assert.True(build.ExitCode == 0, output + errors.Result);
            return output;
        }
    }
}
