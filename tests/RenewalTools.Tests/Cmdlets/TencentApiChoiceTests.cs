using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    /// <summary>Each Tencent seed API end to end: CSV rows in, one result per row, each instance renewed once.</summary>
    public class TencentApiChoiceTests : EmulatorTest
    {
        private static readonly string[] Cvm = Clouds.CvmIds(120);
        private static readonly string[] Mongo = Clouds.MongoIds(120);
        private const string LegacyCvm = "qcvm8e7bf56c115c53ce2d2a1ac2ea6e657a";

        protected override Scenario CreateScenario() => Clouds.Scenario(
            Cvm.Select(id => Clouds.Cvm(id))
                .Concat(Mongo.Select(id => Clouds.Mongo(id)))
                .Append(Clouds.Cvm(LegacyCvm)));

        private static PSObjectRows Rows(IEnumerable<string> ids) => new PSObjectRows(Csv.Rows("InstanceId,Region,Period\n" + string.Join("\n", ids.Select(id => id + ",ap-guangzhou,1")) + "\n"));

        [Theory]
        [InlineData("HmacSHA256")]
        [InlineData("HmacSHA1")]
        public void Cvm_RenewInstances_on_the_legacy_gateway_with_signature_v1(string method)
        {
            var r = Run("$rows | Invoke-CvmRenewal -Api LegacyRenewInstances -SignatureMethod " + method + " -RenewFlag NOTIFY_AND_MANUAL_RENEW -Credential $tc -Endpoint $endpoint -Force", Rows(Cvm.Take(110)).Variables);
            Assert.Empty(r.Errors);
            Assert.Equal(110, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Submitted, x.Status));
            Assert.All(Cvm.Take(110), id => Assert.Equal(1, Emulator.RenewalCount(id)));
            var calls = RenewalRequests("RenewInstances");
            Assert.Equal(2, calls.Count);
            Assert.All(calls, c => Assert.Equal("/v2/index.php", c.Path));
            Assert.All(calls, c => Assert.Contains("SignatureMethod=" + method, c.Body, System.StringComparison.Ordinal));
        }

        [Fact]
        public void Cvm_legacy_RenewInstance_one_call_per_instance_with_deal_ids()
        {
            var r = Run("$rows | Invoke-CvmRenewal -Api LegacyRenewInstance -Credential $tc -Endpoint $endpoint -Force", Rows(new[] { LegacyCvm, Cvm[0], Cvm[1] }).Variables);
            Assert.Empty(r.Errors);
            Assert.Equal(3, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Renewed, x.Status));
            Assert.All(r.Results, x => Assert.False(string.IsNullOrEmpty(x.DealId)));
            Assert.Equal(3, RenewalRequests("RenewInstance").Count);
            Assert.Equal(1, Emulator.RenewalCount(LegacyCvm));
        }

        [Fact]
        public void Cvm_legacy_RenewInstance_rejects_RenewFlag_before_sending()
        {
            var r = Run("'" + Cvm[0] + "' | Invoke-CvmRenewal -Api LegacyRenewInstance -RenewFlag NOTIFY_AND_AUTO_RENEW -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force");
            Assert.Equal("InvalidInput", Assert.Single(r.Results).ErrorCode);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void MongoDb_RenewDBInstances_batches_of_100_with_region_header()
        {
            var r = Run("$rows | Invoke-MongoDbRenewal -Credential $tc -Endpoint $endpoint -Force", Rows(Mongo.Take(120)).Variables);
            Assert.Empty(r.Errors);
            Assert.Equal(120, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Submitted, x.Status));
            Assert.All(r.Results, x => Assert.Equal("MongoDB", x.Service));
            var calls = RenewalRequests("RenewDBInstances");
            Assert.Equal(2, calls.Count);
            Assert.All(calls, c => Assert.Equal("ap-guangzhou", c.Headers.First(h => string.Equals(h.Key, "X-TC-Region", System.StringComparison.OrdinalIgnoreCase)).Value));
            Assert.All(Mongo.Take(120), id => Assert.Equal(1, Emulator.RenewalCount(id)));
        }

        [Fact]
        public void MongoDb_legacy_RenewMongoDB_reads_the_deal_id_under_data()
        {
            var r = Run("$rows | Invoke-MongoDbRenewal -Api LegacyRenewMongoDB -SignatureMethod HmacSHA1 -Credential $tc -Endpoint $endpoint -Force", Rows(Mongo.Take(2)).Variables);
            Assert.Empty(r.Errors);
            Assert.Equal(2, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Renewed, x.Status));
            Assert.All(r.Results, x => Assert.False(string.IsNullOrEmpty(x.DealId)));
            Assert.Equal(2, RenewalRequests("RenewMongoDB").Count);
        }

        [Theory]
        [InlineData("RenewDBInstances", 48)]
        [InlineData("LegacyRenewMongoDB", 13)]
        public void MongoDb_periods_are_checked_before_sending(string api, int period)
        {
            var r = Run("'" + Mongo[0] + "' | Invoke-MongoDbRenewal -Api " + api + " -Region ap-guangzhou -Period " + period + " -Credential $tc -Endpoint $endpoint -Force");
            Assert.Equal("InvalidInput", Assert.Single(r.Results).ErrorCode);
            Assert.Empty(Emulator.Requests);
        }
    }

    /// <summary>Rows as a script variable.</summary>
    public sealed class PSObjectRows
    {
        public PSObjectRows(System.Management.Automation.PSObject[] rows)
        {
            Variables = new Dictionary<string, object?> { ["rows"] = rows };
        }

        public Dictionary<string, object?> Variables { get; }
    }
}
