using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static CloudEmulator.Tests.Harness;

namespace CloudEmulator.Tests;

/// <summary>Issue 17: CVM ModifyInstancesRenewFlag (asynchronous) and MongoDB SetAutoRenew 2018-04-08 (synchronous).</summary>
public class TencentPolicyTests
{
    private const string Auto = "NOTIFY_AND_AUTO_RENEW";
    private const string Manual = "NOTIFY_AND_MANUAL_RENEW";
    private const string MongoPostpaid = "cmgo-post0001";

    private static HttpRequestMessage ModifyFlag(EmulatorHost host, string flag, params string[] ids) =>
        TestSigners.Tc3(host.BaseUri, "cvm", "ModifyInstancesRenewFlag", "2017-03-12", Region,
            JsonSerializer.Serialize(new { InstanceIds = ids, RenewFlag = flag }), TcId, TcKey);

    private static HttpRequestMessage SetAutoRenew(EmulatorHost host, object body, string version = "2018-04-08") =>
        TestSigners.Tc3(host.BaseUri, "mongodb", "SetAutoRenew", version, Region, JsonSerializer.Serialize(body), TcId, TcKey);

    private static async Task<JsonElement> CvmInstance(EmulatorHost host, string id)
    {
        var msg = TestSigners.Tc3(host.BaseUri, "cvm", "DescribeInstances", "2017-03-12", Region, JsonSerializer.Serialize(new { InstanceIds = new[] { id } }), TcId, TcKey);
        return (await Send(msg)).Json.GetProperty("Response").GetProperty("InstanceSet")[0];
    }

    private static async Task<int> MongoFlag(EmulatorHost host, string id)
    {
        var msg = TestSigners.Tc3(host.BaseUri, "mongodb", "DescribeDBInstances", "2019-07-25", Region, JsonSerializer.Serialize(new { InstanceIds = new[] { id } }), TcId, TcKey);
        return (await Send(msg)).Json.GetProperty("Response").GetProperty("InstanceDetails")[0].GetProperty("AutoRenewFlag").GetInt32();
    }

    private static Task<EmulatorHost> StartPolicies() => Start(s =>
    {
        s.PolicyCompletionMs = 60_000;
        s.Instances.Add(new EmulatedInstance { Id = MongoPostpaid, Service = "mongodb", Region = Region, ChargeType = "POSTPAID_BY_HOUR", Expiry = Expiry });
    });

    /// <summary>Moves the emulator's clock past the scenario's PolicyCompletionMs (signatures allow ±300 s).</summary>
    private static void CompletePolicyChanges(EmulatorHost host) => host.Scenario.ClockOffsetSeconds += 61;

    [Fact]
    public async Task Cvm_flag_change_is_accepted_then_visible_only_when_its_operation_succeeds()
    {
        await using var host = await StartPolicies();
        var (status, json, _) = await Send(ModifyFlag(host, Auto, Cvm));
        Assert.Equal(200, status);
        var response = json.GetProperty("Response");
        Assert.Equal(["RequestId"], response.EnumerateObject().Select(p => p.Name));
        var requestId = response.GetProperty("RequestId").GetString();

        var operating = await CvmInstance(host, Cvm);
        Assert.Equal(Manual, operating.GetProperty("RenewFlag").GetString());
        Assert.Equal(("ModifyInstancesRenewFlag", "OPERATING", requestId),
            (operating.GetProperty("LatestOperation").GetString(), operating.GetProperty("LatestOperationState").GetString(), operating.GetProperty("LatestOperationRequestId").GetString()));
        Assert.Equal(AutoRenewMode.Manual, host.PolicyOf(Cvm)!.Mode);
        Assert.Equal(1, host.PendingPolicyChanges);
        Assert.Equal("OperationDenied.InstanceOperationInProgress", ErrorCode((await Send(ModifyFlag(host, Auto, Cvm))).Json));

        CompletePolicyChanges(host);
        var done = await CvmInstance(host, Cvm);
        Assert.Equal((Auto, "SUCCESS"), (done.GetProperty("RenewFlag").GetString(), done.GetProperty("LatestOperationState").GetString()));
        Assert.Equal(new RenewalPolicy(AutoRenewMode.Auto, null, null), host.PolicyOf(Cvm));
        Assert.Equal(0, host.PendingPolicyChanges);

        // The same flag again is harmless; nothing is ever charged or renewed.
        Assert.Equal("", ErrorCode((await Send(ModifyFlag(host, Auto, Cvm))).Json));
        host.Scenario.ClockOffsetSeconds += 61;
        Assert.Equal(Auto, (await CvmInstance(host, Cvm)).GetProperty("RenewFlag").GetString());
        Assert.Equal((1000m, 0), (host.Account(TcId).Balance, host.RenewalCount(Cvm)));
        var writes = host.Requests.Where(r => r.Action == "ModifyInstancesRenewFlag").ToList();
        Assert.Equal([true, false, true], writes.Select(r => r.Executed));
        Assert.All(writes, r => Assert.Equal([Cvm], r.InstanceIds));
    }

    [Fact]
    public async Task Cvm_flag_change_without_delay_reads_back_at_once()
    {
        await using var host = await Start(s => s.PolicyCompletionMs = 0);
        Assert.Equal("", ErrorCode((await Send(ModifyFlag(host, "DISABLE_NOTIFY_AND_MANUAL_RENEW", Cvm))).Json));
        var inst = await CvmInstance(host, Cvm);
        Assert.Equal(("DISABLE_NOTIFY_AND_MANUAL_RENEW", "SUCCESS"), (inst.GetProperty("RenewFlag").GetString(), inst.GetProperty("LatestOperationState").GetString()));
        Assert.Equal(AutoRenewMode.NotRenewed, host.PolicyOf(Cvm)!.Mode);
    }

    [Fact]
    public async Task Cvm_flag_change_errors_refuse_the_whole_batch()
    {
        await using var host = await StartPolicies();
        Assert.Equal("InvalidInstanceId.NotFound", ErrorCode((await Send(ModifyFlag(host, Auto, Cvm, "ins-zzzz9999"))).Json));
        Assert.Equal("UnsupportedOperation.InstanceChargeType", ErrorCode((await Send(ModifyFlag(host, Auto, Cvm, CvmPostpaid))).Json));
        Assert.Equal("InvalidInstanceId.Malformed", ErrorCode((await Send(ModifyFlag(host, Auto, Cvm, "ins-bad"))).Json));
        var many = Enumerable.Range(0, 101).Select(i => $"ins-{i:d8}").ToArray();
        Assert.Equal("InvalidParameterValue.LimitExceeded", ErrorCode((await Send(ModifyFlag(host, Auto, many))).Json));
        Assert.Equal("InvalidParameterValue", ErrorCode((await Send(ModifyFlag(host, "AUTO", Cvm))).Json));
        var noFlag = TestSigners.Tc3(host.BaseUri, "cvm", "ModifyInstancesRenewFlag", "2017-03-12", Region, JsonSerializer.Serialize(new { InstanceIds = new[] { Cvm } }), TcId, TcKey);
        Assert.Equal("MissingParameter", ErrorCode((await Send(noFlag)).Json));
        Assert.Null(host.Instance(Cvm)!.LatestOperation);
        Assert.Equal(0, host.PendingPolicyChanges);
        Assert.All(host.Requests, r => Assert.False(r.Executed));
    }

    [Fact]
    public async Task Cvm_flag_change_takes_faults_only_from_rules_naming_it_and_from_random_rates()
    {
        await using var host = await Start(s => s.PolicyCompletionMs = 0);
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorBeforeExecution }); // no Action: renewals only
        host.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, Action = "cvm:ModifyInstancesRenewFlag" });
        await Assert.ThrowsAsync<HttpRequestException>(() => Send(ModifyFlag(host, Auto, Cvm)));
        var dropped = host.Requests.Single();
        Assert.Equal(("DropAfterExecution", true, 0), (dropped.Outcome, dropped.Executed, dropped.HttpStatus));
        Assert.Equal(AutoRenewMode.Auto, host.PolicyOf(Cvm)!.Mode);
        Assert.Equal("", ErrorCode((await Send(ModifyFlag(host, Manual, Cvm))).Json));
        Assert.Equal(503, (await Send(CvmRenew(host, CvmBody(1, Cvm)))).Status); // the action-less rule was left for the renewal
        Assert.Equal("ErrorBeforeExecution", host.Requests.Last().Outcome);

        host.Scenario.Faults.ThrottleRate = 1;
        Assert.Equal("RequestLimitExceeded", ErrorCode((await Send(ModifyFlag(host, Auto, Cvm))).Json));
        Assert.Equal(AutoRenewMode.Manual, host.PolicyOf(Cvm)!.Mode);
    }

    [Fact]
    public async Task Cvm_flag_change_is_rate_limited_per_account()
    {
        Assert.Equal(10, Scenario.DefaultRateLimits["cvm:ModifyInstancesRenewFlag"]);
        await using var host = await Start(s => { s.RateLimits["cvm:ModifyInstancesRenewFlag"] = 2; s.PolicyCompletionMs = 0; });
        var codes = new[] { ErrorCode((await Send(ModifyFlag(host, Auto, Cvm))).Json), ErrorCode((await Send(ModifyFlag(host, Auto, Cvm))).Json), ErrorCode((await Send(ModifyFlag(host, Auto, Cvm))).Json) };
        Assert.Equal(["", "", "RequestLimitExceeded"], codes);
    }

    [Fact]
    public async Task Mongo_SetAutoRenew_reads_back_at_once_in_every_value()
    {
        await using var host = await StartPolicies();
        foreach (var (flag, mode) in new[] { (1, AutoRenewMode.Auto), (2, AutoRenewMode.NotRenewed), (0, AutoRenewMode.Manual) })
        {
            var (status, json, _) = await Send(SetAutoRenew(host, new { InstanceIds = new[] { Mongo }, AutoRenewFlag = flag }));
            Assert.Equal(200, status);
            Assert.Equal(["RequestId"], json.GetProperty("Response").EnumerateObject().Select(p => p.Name));
            Assert.Equal(flag, await MongoFlag(host, Mongo));
            Assert.Equal(mode, host.PolicyOf(Mongo)!.Mode);
        }
        var writes = host.Requests.Where(r => r.Action == "SetAutoRenew").ToList();
        Assert.Equal(3, writes.Count);
        Assert.All(writes, r => Assert.Equal(("mongodb", true, Mongo), (r.Product, r.Executed, r.InstanceIds.Single())));
        Assert.Equal((1000m, 0), (host.Account(TcId).Balance, host.RenewalCount(Mongo)));
    }

    [Fact]
    public async Task Mongo_SetAutoRenew_exists_only_in_2018_04_08()
    {
        await using var host = await StartPolicies();
        Assert.Equal("InvalidAction", ErrorCode((await Send(SetAutoRenew(host, new { InstanceIds = new[] { Mongo }, AutoRenewFlag = 1 }, "2019-07-25"))).Json));
        Assert.Equal("NoSuchVersion", ErrorCode((await Send(SetAutoRenew(host, new { InstanceIds = new[] { Mongo }, AutoRenewFlag = 1 }, "2020-01-01"))).Json));
        var oldRenew = TestSigners.Tc3(host.BaseUri, "mongodb", "RenewDBInstances", "2018-04-08", Region,
            JsonSerializer.Serialize(new { InstanceIds = new[] { Mongo }, InstanceChargePrepaid = new { Period = 1 } }), TcId, TcKey);
        Assert.Equal("InvalidAction", ErrorCode((await Send(oldRenew)).Json));
        Assert.Equal(0, await MongoFlag(host, Mongo));
        Assert.Equal(0, host.RenewalCount(Mongo));
        Assert.All(host.Requests, r => Assert.False(r.Executed));
    }

    [Theory]
    [InlineData("{\"InstanceIds\":[\"cmgo-zzzz9999\"],\"AutoRenewFlag\":1}", "InvalidParameterValue.NotFoundInstance")]
    [InlineData("{\"InstanceIds\":[\"cmgo-abcd0001\",\"cmgo-post0001\"],\"AutoRenewFlag\":1}", "InvalidParameterValue.PostPayRenewError")]
    [InlineData("{\"InstanceIds\":[\"cmgo-abcd0001\"],\"AutoRenewFlag\":3}", "InvalidParameter")]
    [InlineData("{\"InstanceIds\":[\"cmgo-abcd0001\"],\"AutoRenewFlag\":\"1\"}", "InvalidParameter")]
    [InlineData("{\"InstanceIds\":[\"cmgo-abcd0001\"]}", "InvalidParameter")]
    [InlineData("{\"InstanceIds\":[],\"AutoRenewFlag\":1}", "InvalidParameter")]
    [InlineData("{\"InstanceIds\":[\"cmgo-abcd0001\"],\"AutoRenewFlag\":1,\"Period\":1}", "UnknownParameter")]
    public async Task Mongo_SetAutoRenew_errors_change_nothing(string body, string code)
    {
        await using var host = await StartPolicies();
        var msg = TestSigners.Tc3(host.BaseUri, "mongodb", "SetAutoRenew", "2018-04-08", Region, body, TcId, TcKey);
        Assert.Equal(code, ErrorCode((await Send(msg)).Json));
        Assert.Equal(AutoRenewMode.Manual, host.PolicyOf(Mongo)!.Mode);
        Assert.False(host.Requests.Single().Executed);
    }

    [Fact]
    public async Task Mongo_SetAutoRenew_refuses_more_than_100_ids()
    {
        await using var host = await StartPolicies();
        var many = Enumerable.Range(0, 101).Select(i => $"cmgo-{i:d8}").ToArray();
        Assert.Equal("InvalidParameter", ErrorCode((await Send(SetAutoRenew(host, new { InstanceIds = many, AutoRenewFlag = 1 }))).Json));
    }

    [Fact]
    public async Task Generated_fleets_mix_the_three_policies()
    {
        await using var host = await Start(s => s.Fleets.Add(new FleetSpec { Service = "cvm", Count = 600, PrepaidShare = 1 }));
        var modes = host.Scenario.Instances.Where(i => i.Id.StartsWith("ins-f", StringComparison.Ordinal))
            .GroupBy(i => host.PolicyOf(i.Id)!.Mode).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetValues<AutoRenewMode>(), m => Assert.InRange(modes.GetValueOrDefault(m), 150, 250));
    }
}
