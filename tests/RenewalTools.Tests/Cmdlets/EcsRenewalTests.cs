using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Cmdlets
{
    public class EcsRenewalTests : EmulatorTest
    {
        private static readonly string[] Ids = Clouds.EcsIds(60);

        protected override Scenario CreateScenario() => Clouds.Scenario(Ids.Select(id => Clouds.Ecs(id)).Append(Clouds.Ecs("i-bp1shanghai0000000001", "cn-shanghai")));

        private const string Renew = " | Invoke-EcsRenewal -Credential $ali -Endpoint $endpoint -Force";

        [Theory]
        [InlineData("ACS3")]
        [InlineData("1.0")]
        public void Csv_rows_renew_once_each_with_order_ids(string signature)
        {
            var rows = Csv.Rows("InstanceId,RegionId,Period,PeriodUnit\n" + Ids[0] + ",cn-hangzhou,1,Month\n" + Ids[1] + ",cn-hangzhou,2,Week\ni-bp1shanghai0000000001,cn-shanghai,12,Month\n");
            var r = Run("$rows" + Renew + " -SignatureVersion " + signature, new Dictionary<string, object?> { ["rows"] = rows });
            Assert.Empty(r.Errors);
            Assert.Equal(3, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Renewed, x.Status));
            Assert.All(r.Results, x => Assert.False(string.IsNullOrEmpty(x.OrderId)));
            Assert.All(r.Results, x => Assert.True(x.ClientToken!.Length <= 64));
            Assert.Equal("Week", r.Results.Single(x => x.InstanceId == Ids[1]).PeriodUnit);
            Assert.Equal(1, Emulator.RenewalCount(Ids[0]));
        }

        [Fact]
        public void Each_instance_is_renewed_exactly_once_when_20_percent_of_answers_are_dropped_after_execution()
        {
            Emulator.Scenario.Faults.DropAfterExecutionRate = 0.2;
            var r = Run("$ids" + Renew + " -Region cn-hangzhou -Period 1", new Dictionary<string, object?> { ["ids"] = Ids });
            Emulator.Scenario.Faults.DropAfterExecutionRate = 0;

            Assert.Equal(Ids.Length, r.Results.Count);
            Assert.All(r.Results, x => Assert.Equal(RenewalStatus.Renewed, x.Status));
            Assert.All(Ids, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            Assert.Contains(r.Results, x => x.Attempts > 1);
            Assert.Contains(Emulator.Requests, q => q.Outcome == "DropAfterExecution");
        }

        [Fact]
        public void Internal_error_after_execution_is_resent_with_the_same_token_and_charged_once()
        {
            Emulator.Enqueue(new FaultRule { Action = "ecs:RenewInstance", Kind = FaultKind.ErrorAfterExecution });
            var r = Run("'" + Ids[0] + "'" + Renew + " -Region cn-hangzhou -Period 1");
            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Renewed, result.Status);
            Assert.Equal(2, result.Attempts);
            Assert.Equal(1, Emulator.RenewalCount(Ids[0]));
            var tokens = RenewalRequests("RenewInstance").Select(q => q.Parameter("ClientToken")).Distinct().ToList();
            Assert.Single(tokens);
        }

        [Fact]
        public void A_rerun_on_the_same_day_reuses_the_token_and_is_not_charged_again()
        {
            Run("'" + Ids[0] + "'" + Renew + " -Region cn-hangzhou -Period 1");
            var again = Run("'" + Ids[0] + "'" + Renew + " -Region cn-hangzhou -Period 1");
            Assert.Equal(RenewalStatus.Renewed, Assert.Single(again.Results).Status);
            Assert.Equal(1, Emulator.RenewalCount(Ids[0]));
            var withNewKey = Run("'" + Ids[0] + "'" + Renew + " -Region cn-hangzhou -Period 1 -IdempotencyKey second-renewal");
            Assert.Equal(RenewalStatus.Renewed, Assert.Single(withNewKey.Results).Status);
            Assert.Equal(2, Emulator.RenewalCount(Ids[0]));
        }

        [Theory]
        [InlineData("-Period 5 -PeriodUnit Week")]
        [InlineData("-Period 13")]
        [InlineData("-Period 1 -ExpectedRenewDay 5")]
        [InlineData("")]
        public void Bad_period_combinations_fail_before_sending(string args)
        {
            var r = Run("'" + Ids[0] + "'" + Renew + " -Region cn-hangzhou " + args);
            Assert.Equal("InvalidInput", Assert.Single(r.Results).ErrorCode);
            Assert.Empty(Emulator.Requests);
        }

        [Fact]
        public void ExpectedRenewDay_renews_without_a_period()
        {
            var r = Run("'" + Ids[0] + "'" + Renew + " -Region cn-hangzhou -ExpectedRenewDay 15");
            Assert.Equal(RenewalStatus.Renewed, Assert.Single(r.Results).Status);
        }
    }
}
