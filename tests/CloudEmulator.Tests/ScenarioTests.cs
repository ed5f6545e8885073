using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace CloudEmulator.Tests;

public class ScenarioTests
{
    [Fact]
    public void Json_round_trip_keeps_everything_and_default_rate_limits()
    {
        var s = Harness.NewScenario();
        s.Seed = 42;
        s.LatencyMs = 50;
        s.ClockOffsetSeconds = -30;
        s.AutoCreateInstances = true;
        s.EcsSite = "international";
        s.Faults.DropAfterExecutionRate = 0.25;
        s.RateLimits["ecs:RenewInstance"] = 7;
        s.Instances[0].ForcedError = "InvalidAccount.UnpaidOrder";
        s.Accounts[0].Token = "tok";
        s.AsyncCompletionMs = 250;
        s.AsyncFailureRate = 0.1;
        s.CvmQuotePricesAsStrings = true;
        s.Accounts[1].BssNotAuthorized = true;
        s.Instances[0].LatestOperationState = "SUCCESS";
        s.Instances[0].Created = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var fleet = new FleetSpec { Service = "ecs", Count = 7, IdPrefix = "x" };
        fleet.Regions.Add("cn-shanghai");
        s.Fleets.Add(fleet);
        var back = Scenario.Parse(s.ToJson());
        Assert.Equal(s.ToJson(), back.ToJson());
        Assert.Equal(10, back.RateLimitFor("cvm:RenewInstances"));
        Assert.Equal(7, back.RateLimitFor("ecs:RenewInstance"));
        Assert.Equal(s.Instances[0].Expiry, back.Instances[0].Expiry);
    }

    [Fact]
    public void Partial_json_uses_defaults()
    {
        var s = Scenario.Parse("""{"rateLimits":{"cvm:RenewInstances":3},"instances":[{"id":"ins-abcd0001","expiry":"2030-01-01T00:00:00Z"}]}""");
        Assert.Equal(3, s.RateLimitFor("cvm:RenewInstances"));
        Assert.Equal(20, s.RateLimitFor("mongodb:RenewDBInstances"));
        Assert.Equal("china", s.EcsSite);
        Assert.Equal("PREPAID", s.Instances[0].ChargeType);
        Assert.Equal((0, 0.0), (s.AsyncCompletionMs, s.AsyncFailureRate));
        Assert.Equal(40, s.RateLimitFor("cvm:DescribeInstances"));
        var fleet = Assert.Single(Scenario.Parse("""{"fleets":[{"service":"mongodb"}]}""").Fleets);
        Assert.Equal((100, 0.8, 30, 0.5, 0.05, "f", 0m), (fleet.Count, fleet.PrepaidShare, fleet.ExpiringWithinDays, fleet.ExpiringShare, fleet.ExpiredShare, fleet.IdPrefix, fleet.MonthlyPrice));
        Assert.Empty(fleet.Regions);
    }

    [Fact]
    public async Task Demo_scenario_loads_and_state_endpoints_answer()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "CloudEmulator", "scenarios", "demo.json");
        var s = Scenario.Load(path);
        Assert.Contains(s.Accounts, a => a.Provider == "tencent");
        Assert.Contains(s.Accounts, a => a.Provider == "alibaba");
        Assert.Contains(s.Instances, i => i.ChargeType.StartsWith("POST", StringComparison.OrdinalIgnoreCase));
        await using var host = await EmulatorHost.StartAsync(s);
        Assert.Equal("127.0.0.1", host.BaseUri.Host);
        var state = JsonDocument.Parse(await Harness.Client.GetStringAsync(new Uri(host.BaseUri, "/_emulator/state"))).RootElement;
        Assert.Equal(s.Instances.Count, state.GetProperty("instances").GetArrayLength());
        Assert.DoesNotContain(s.Accounts[0].Secret, state.ToString(), StringComparison.Ordinal);
        var requests = JsonDocument.Parse(await Harness.Client.GetStringAsync(new Uri(host.BaseUri, "/_emulator/requests"))).RootElement;
        Assert.Equal(JsonValueKind.Array, requests.ValueKind);
    }
}
