using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>Tab completion through the engine's own TabExpansion2, as the console calls it.</summary>
    public sealed class CompleterTests : IDisposable
    {
        private readonly PowerShellRun _ps = new PowerShellRun();

        public void Dispose() => _ps.Dispose();

        [Theory]
        [InlineData("Invoke-CvmRenewal -Region ap-gu", "ap-guangzhou")]
        [InlineData("Invoke-MongoDbRenewal -Region ap-sh", "ap-shanghai")]
        [InlineData("Invoke-EcsRenewal -Region cn-hang", "cn-hangzhou")]
        [InlineData("Invoke-EcsRenewal -RegionId cn-hang", "cn-hangzhou")]
        [InlineData("'ins-demo0001' | Invoke-CvmRenewal -Period 1 -Region ap-gu", "ap-guangzhou")]
        public void Region_completes_to_the_cloud_s_region_ids(string line, string expected)
        {
            var matches = Complete(line);
            Assert.Contains(expected, matches);
            Assert.All(matches, m => Assert.StartsWith(line.Split(' ').Last(), m, StringComparison.Ordinal));
        }

        [Fact]
        public void Region_offers_only_the_command_s_own_cloud()
        {
            Assert.DoesNotContain(Complete("Invoke-EcsRenewal -Region "), m => m.StartsWith("ap-guangzhou", StringComparison.Ordinal));
            Assert.DoesNotContain(Complete("Invoke-CvmRenewal -Region "), m => m.StartsWith("cn-hangzhou", StringComparison.Ordinal));
            Assert.Contains("cn-hangzhou", Complete("Invoke-EcsRenewal -Region "));
            Assert.Contains("ap-guangzhou", Complete("Invoke-CvmRenewal -Region "));
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal -RenewFlag ", new[] { "NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW" })]
        [InlineData("Invoke-MongoDbRenewal -RenewFlag NOTIFY", new[] { "NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW" })]
        [InlineData("Invoke-CvmRenewal -Api ", new[] { "RenewInstances", "LegacyRenewInstances", "LegacyRenewInstance" })]
        [InlineData("Invoke-MongoDbRenewal -Api ", new[] { "RenewDBInstances", "LegacyRenewMongoDB" })]
        [InlineData("Invoke-CvmRenewal -SignatureMethod ", new[] { "HmacSHA256", "HmacSHA1" })]
        [InlineData("Invoke-MongoDbRenewal -SignatureMethod Hmac", new[] { "HmacSHA256", "HmacSHA1" })]
        [InlineData("Invoke-EcsRenewal -SignatureVersion ", new[] { "ACS3", "1.0" })]
        [InlineData("Invoke-EcsRenewal -PeriodUnit ", new[] { "Month", "Week" })]
        [InlineData("Invoke-EcsRenewal -PeriodUnit W", new[] { "Week" })]
        public void Choice_parameters_complete_their_values(string line, string[] expected)
        {
            var matches = Complete(line);
            Assert.Equal(expected.OrderBy(v => v, StringComparer.Ordinal), matches.Select(m => m.Trim('\'')).OrderBy(v => v, StringComparer.Ordinal));
        }

        private List<string> Complete(string line)
        {
            var r = _ps.Invoke("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText", new Dictionary<string, object?> { ["line"] = line });
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            return r.Output.Select(o => o.ToString()).ToList();
        }
    }
}
