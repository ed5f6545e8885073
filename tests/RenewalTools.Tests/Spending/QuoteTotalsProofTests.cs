using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Spending
{
    /// <summary>
    /// Issue #11, done-when 1: 1,000 CVM + 1,000 MongoDB + 200 ECS rows (each with its own Period) give one quote per row,
    /// and each product's quoted total equals what the emulator charges when the same rows are renewed. The quotes run at
    /// the inquiries' documented rates (10/s, 20/s), so this takes about two minutes.
    /// </summary>
    public sealed class QuoteTotalsProofTests : EmulatorTest
    {
        private static readonly string[] Cvm = Clouds.CvmIds(1000, "p");
        private static readonly string[] Mongo = Clouds.MongoIds(1000, "p");
        private static readonly string[] Ecs = Clouds.EcsIds(200, "p");
        private readonly ITestOutputHelper _output;

        public QuoteTotalsProofTests(ITestOutputHelper output)
        {
            _output = output;
        }

        protected override bool ReadsCloudState => true;

        protected override Scenario CreateScenario()
        {
            // Prices with fen and odd figures, so a rounding or parsing slip shows in the totals.
            var instances = Cvm.Select((id, i) => Priced(Clouds.Cvm(id), 30m + (i % 97) * 1.37m)).ToList();
            instances.AddRange(Mongo.Select((id, i) => Priced(Clouds.Mongo(id), 88.88m + (i % 13) * 0.01m)));
            instances.AddRange(Ecs.Select((id, i) => Priced(Clouds.Ecs(id), 120.5m + (i % 7) * 3.33m)));
            return Clouds.Scenario(instances, balance: 100_000_000m);
        }

        private static EmulatedInstance Priced(EmulatedInstance instance, decimal monthly)
        {
            instance.MonthlyPrice = monthly;
            return instance;
        }

        private const string Rows = "$rows = for ($i = 0; $i -lt $ids.Count; $i++) { [pscustomobject]@{ InstanceId = $ids[$i]; Period = $periods[$i % $periods.Count] } }; ";

        private static Dictionary<string, object?> Input(string[] ids, int[] periods) => new Dictionary<string, object?> { ["ids"] = ids, ["periods"] = periods };

        private RunResult Quote(string cmdlet, string region, string credential, string[] ids, int[] periods)
        {
            using var ps = new PowerShellRun(readCloudState: true);
            var variables = Input(ids, periods);
            variables["endpoint"] = Emulator.BaseUri.ToString();
            variables["cred"] = credential == "tc" ? Clouds.TencentCredential : Clouds.AlibabaCredential;
            return ps.Invoke(Rows + "$rows | " + cmdlet + " -Region " + region + " -Credential $cred -Endpoint $endpoint", variables);
        }

        [Fact]
        public async Task Quoted_totals_equal_what_the_renewals_charge()
        {
            int[] tencentPeriods = { 1, 2, 3, 12 };
            int[] ecsPeriods = { 1, 2, 12 };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var quoting = await Task.WhenAll(
                Task.Run(() => Quote("Get-CvmRenewalQuote", "ap-guangzhou", "tc", Cvm, tencentPeriods)),
                Task.Run(() => Quote("Get-MongoDbRenewalQuote", "ap-guangzhou", "tc", Mongo, tencentPeriods)),
                Task.Run(() => Quote("Get-EcsRenewalQuote", "cn-hangzhou", "ali", Ecs, ecsPeriods)));
            _output.WriteLine("Quoted 2,200 instances in " + watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s");

            var renewals = new[]
            {
                ("Invoke-CvmRenewal", "ap-guangzhou", Cvm, tencentPeriods, Clouds.TencentId),
                ("Invoke-MongoDbRenewal", "ap-guangzhou", Mongo, tencentPeriods, Clouds.TencentId),
                ("Invoke-EcsRenewal", "cn-hangzhou", Ecs, ecsPeriods, Clouds.AlibabaId),
            };
            for (var n = 0; n < renewals.Length; n++)
            {
                var (cmdlet, region, ids, periods, account) = renewals[n];
                var quoted = quoting[n];
                Assert.Empty(quoted.Errors);
                var quotes = quoted.Output.Select(o => o.BaseObject).OfType<RenewalQuote>().ToList();
                Assert.Equal(ids, quotes.Select(q => q.InstanceId));
                Assert.All(quotes, q => Assert.NotNull(q.Price));

                var before = Emulator.Account(account).Balance;
                var renewed = Run(Rows + "$rows | " + cmdlet + " -Region " + region + " -Credential " + (account == Clouds.TencentId ? "$tc" : "$ali") + " -Endpoint $endpoint -Force", Input(ids, periods));
                var charged = before - Emulator.Account(account).Balance;

                Assert.Empty(renewed.Errors);
                Assert.Equal(ids.Length, renewed.Results.Count(x => x.Status == RenewalStatus.Renewed));
                var total = quotes.Sum(q => q.Price!.Value);
                _output.WriteLine(cmdlet + ": quoted " + total + ", charged " + charged);
                Assert.Equal(total, charged);
            }
        }
    }
}
