using System;
using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>
    /// What the Set-*AutoRenew fleet proofs share (issue #17): one generated fleet of <see cref="PerCloud"/> instances per
    /// cloud, a third of the prepaid instances in each policy (FleetGenerator), about 5% postpaid; and the discover-then-set
    /// pipeline of each cloud.
    /// </summary>
    public abstract class AutoRenewFleetTest : EmulatorTest
    {
        public const string IdPrefix = "a";
        protected const int PerCloud = 1000;

        protected AutoRenewFleetTest(ITestOutputHelper output)
        {
            Output = output;
        }

        protected ITestOutputHelper Output { get; }

        protected override Scenario CreateScenario() => Create(PerCloud);

        /// <summary>Get cmdlet, Set cmdlet, region, credential variable, emulator service, write action.</summary>
        public static IEnumerable<object[]> Products() => new[]
        {
            new object[] { "Get-CvmInstance", "Set-CvmAutoRenew", "ap-guangzhou", "$tc", "cvm", "ModifyInstancesRenewFlag" },
            new object[] { "Get-MongoDbInstance", "Set-MongoDbAutoRenew", "ap-guangzhou", "$tc", "mongodb", "SetAutoRenew" },
            new object[] { "Get-EcsInstance", "Set-EcsAutoRenew", "cn-hangzhou", "$ali", "ecs", "ModifyInstanceAutoRenewAttribute" },
        };

        /// <summary>perCloud generated instances of each of CVM, MongoDB and ECS, in each cloud's default region.</summary>
        private static Scenario Create(int perCloud)
        {
            var scenario = Clouds.Scenario(Array.Empty<EmulatedInstance>());
            foreach (var service in new[] { "cvm", "mongodb", "ecs" })
            {
                scenario.Fleets.Add(new FleetSpec { Service = service, Count = perCloud, PrepaidShare = 0.95, IdPrefix = IdPrefix, MonthlyPrice = 0 });
            }
            return scenario;
        }

        /// <summary>Every instance of the region listed, postpaid ones too, piped into the Set cmdlet.</summary>
        public static string Pipeline(string get, string set, string region, string credential, string extra = "") =>
            get + " -Region " + region + " -ChargeType All -Credential " + credential + " -Endpoint $endpoint | "
            + set + " -Policy AutoRenew -Credential " + credential + " -Endpoint $endpoint -Force " + extra;

        protected List<EmulatedInstance> Fleet(string service) => Emulator.Scenario.Instances.Where(i => i.Service == service).ToList();

        /// <summary>Tencent PREPAID and ECS PrePaid.</summary>
        public static bool IsPrepaid(EmulatedInstance instance) => instance.ChargeType.Equals("PREPAID", StringComparison.OrdinalIgnoreCase);

        /// <summary>Result counts by status, for the test output.</summary>
        public static string Tally(IEnumerable<AutoRenewResult> results) =>
            string.Join(", ", results.GroupBy(x => x.Status).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count()));
    }
}
