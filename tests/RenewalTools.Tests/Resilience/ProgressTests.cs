using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Resilience
{
    public sealed class ProgressTests : EmulatorTest
    {
        private static readonly string[] Ids = Clouds.CvmIds(300, "p");

        protected override Scenario CreateScenario()
        {
            var s = Clouds.Scenario(Ids.Select(id => Clouds.Cvm(id)));
            s.LatencyMs = 150;
            return s;
        }

        [Fact]
        public void Progress_reports_counts_and_rate_and_completes()
        {
            var r = Run("$ProgressPreference = 'Continue'; $ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -ThrottleLimit 1", new Dictionary<string, object?> { ["ids"] = Ids });
            Assert.Equal(300, r.Results.Count);
            Assert.Contains(r.Progress, p => p.StatusDescription.Contains("renewed or submitted", System.StringComparison.Ordinal) && p.StatusDescription.Contains("/s", System.StringComparison.Ordinal));
            Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, r.Progress.Last().RecordType);
        }

        [Fact]
        public void Progress_is_silent_under_SilentlyContinue()
        {
            var r = Run("$ProgressPreference = 'SilentlyContinue'; $ids | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force -ThrottleLimit 1", new Dictionary<string, object?> { ["ids"] = Ids });
            Assert.Equal(300, r.Results.Count);
            Assert.Empty(r.Progress);
        }
    }
}
