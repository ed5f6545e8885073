using System;
using System.Globalization;
using System.Linq;
using CloudEmulator;

namespace RenewalTools.Benchmarks
{
    /// <summary>Issue #17's row: the auto-renew policy of a whole CVM fleet set, read before and read back after.</summary>
    internal sealed partial class Bench
    {
        /// <summary>How long the emulator takes to apply an accepted ModifyInstancesRenewFlag (UNCONFIRMED for the real cloud); as for the verified renewal row.</summary>
        private const int PolicyCompletionMs = 2000;

        /// <summary>CVM DescribeInstances, documented 40 requests/s (cloud-read-apis.md), 100 instances a page.</summary>
        private const double DescribeRate = 40;

        /// <summary>
        /// Every instance starts manual, so each of the ceil(n / 100) writes carries 100 instances. The floor is the writes at
        /// their documented 10/s, plus the completion delay (the last batch cannot read back changed sooner), plus one round
        /// trip before the first write (its batch must be read first) and one after the completion (the read that confirms
        /// it). The other reads are not added: they have their own limit (40/s), and their ceil(n / 100) x 2 calls take half
        /// the writes' time, so a pipeline can hide them behind the writes. The reads' own figure is printed beside it.
        /// </summary>
        private void Policy(Service s, int instances, char tag)
        {
            var previous = Emulator.Scenario.PolicyCompletionMs;
            Emulator.Scenario.PolicyCompletionMs = PolicyCompletionMs;
            var name = s.Name + " of " + instances.ToString("N0", CultureInfo.InvariantCulture) + " set (read before and after; completion " + PolicyCompletionMs + " ms)";
            var row = RunScenario(name, s, instances, s.MinimumCalls(instances), tag, DefaultThrottleLimit, _o.LatencyMs, Scripts.Policy(s, instances, tag), out _);
            Emulator.Scenario.PolicyCompletionMs = previous;
            if (row is null)
            {
                return;
            }
            var prefix = s.IdPrefix + tag;
            var reads = Emulator.Requests.Count(r => r.Action == "DescribeInstances" && r.InstanceIds.Count > 0 && r.InstanceIds[0].StartsWith(prefix, StringComparison.Ordinal));
            var auto = Enumerable.Range(0, instances).Count(i => Emulator.PolicyOf(s.IdOf(tag, i))?.Mode == AutoRenewMode.Auto);
            var floor = row with
            {
                FloorSeconds = s.MinimumCalls(instances) / s.RateLimit + PolicyCompletionMs / 1000.0 + 2 * _o.LatencyMs / 1000.0,
                FloorBasis = "rate + completion + 2 round trips",
            };
            _rows[_rows.IndexOf(row)] = floor;
            Console.WriteLine("  floor " + floor.FloorSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s, ratio " + floor.Ratio.ToString("0.000", CultureInfo.InvariantCulture)
                + "; " + reads + " DescribeInstances reads (alone " + (reads / DescribeRate).ToString("0.00", CultureInfo.InvariantCulture) + " s at 40/s, overlapped with the writes)"
                + "; AutoRenew in the emulator on " + auto.ToString("N0", CultureInfo.InvariantCulture) + " of " + instances.ToString("N0", CultureInfo.InvariantCulture));
            _targets.Add(Verdict(s.Name + " of " + instances.ToString("N0", CultureInfo.InvariantCulture) + " set, ratio to write floor + completion + 2 round trips (issue #17; target taken from the verified renewal row)", floor.Ratio, 1.15, lowerIsBetter: true, "x"));
        }
    }
}
