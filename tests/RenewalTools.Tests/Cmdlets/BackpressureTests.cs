using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    /// <summary>
    /// Backpressure must not wait for itself: with -ThrottleLimit 1 a run holds at most 400 inputs, and 500 rows over six
    /// regions and 16 periods leave every read group and batch partial: no more input fills them. Waiting, the run sends them.
    /// </summary>
    public class BackpressureTests : EmulatorTest
    {
        private static readonly string[] Ids = Clouds.CvmIds(500, "b");
        private static readonly int[] Periods = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60 };
        private static readonly string[] Regions = { "ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-nanjing", "ap-hongkong" };

        protected override Scenario CreateScenario() => Clouds.Scenario(Ids.Select((id, i) => Clouds.Cvm(id, Regions[i % Regions.Length])));

        /// <summary>Six regions of about 83 rows (read groups of 100 never fill), 16 periods (batches of 100 never fill).</summary>
        private object Rows => Csv.Rows("InstanceId,Region,Period\n" + string.Concat(Ids.Select((id, i) => id + "," + Regions[i % Regions.Length] + "," + Periods[i % Periods.Length] + "\n")));

        [Fact]
        public void Partial_batches_above_the_limit_are_sent_not_waited_for()
        {
            var r = Run("$rows | Invoke-CvmRenewal -ThrottleLimit 1 -Credential $tc -Endpoint $endpoint -Force", new Dictionary<string, object?> { ["rows"] = Rows });

            Assert.Null(r.Terminating);
            Assert.Equal(Ids.Length, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Submitted, x.Status));
        }

        [Fact]
        public void Partial_read_groups_above_the_limit_are_read_not_waited_for()
        {
            var r = Run("$rows | Invoke-CvmRenewal -ThrottleLimit 1 -NoWait:$false -WaitTimeoutSec 1 -Credential $tc -Endpoint $endpoint -Force -WarningAction SilentlyContinue", new Dictionary<string, object?> { ["rows"] = Rows });

            Assert.Null(r.Terminating);
            Assert.Equal(Ids.Length, r.Results.Count);
        }
    }
}
