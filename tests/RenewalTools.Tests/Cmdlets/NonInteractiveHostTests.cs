using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    /// <summary>A scheduled task or runbook host: no one can answer a prompt.</summary>
    public sealed class NonInteractiveHostTests : EmulatorTest
    {
        private static readonly string[] Ids = Clouds.CvmIds(3, "n");

        protected override bool Interactive => false;

        protected override Scenario CreateScenario() => Clouds.Scenario(Ids.Select(id => Clouds.Cvm(id)));

        [Fact]
        public void Without_Force_it_fails_clearly_and_sends_nothing()
        {
            var r = Run("'" + string.Join("','", Ids) + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint");
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("ConfirmationRequired,", error.FullyQualifiedErrorId, System.StringComparison.Ordinal);
            Assert.Contains("-Force", error.Exception.Message, System.StringComparison.Ordinal);
            Assert.Contains("Nothing was sent", error.Exception.Message, System.StringComparison.Ordinal);
            Assert.Empty(r.Results);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void With_Force_it_renews_without_prompting()
        {
            var r = Run("'" + string.Join("','", Ids) + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force");
            Assert.Empty(r.Errors);
            Assert.Equal(3, r.Results.Count(x => x.Status == RenewalStatus.Submitted));
        }
    }
}
