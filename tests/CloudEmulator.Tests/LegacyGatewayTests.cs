using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static CloudEmulator.Tests.Harness;

namespace CloudEmulator.Tests;

public class LegacyGatewayTests
{
    private static Dictionary<string, string> RenewInstance(string id, int period) =>
        new() { ["Action"] = "RenewInstance", ["instanceId"] = id, ["period"] = period.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Region"] = "gz" };

    private static Dictionary<string, string> RenewMongo(string id, string period) =>
        new() { ["Action"] = "RenewMongoDB", ["instanceId"] = id, ["period"] = period, ["Region"] = "gz" };

    private static Dictionary<string, string> RenewInstances(int period, params string[] ids)
    {
        var p = new Dictionary<string, string> { ["Action"] = "RenewInstances", ["Version"] = "2017-03-12", ["Region"] = Region,
            ["InstanceChargePrepaid.Period"] = period.ToString(System.Globalization.CultureInfo.InvariantCulture), ["InstanceChargePrepaid.RenewFlag"] = "NOTIFY_AND_MANUAL_RENEW" };
        for (var i = 0; i < ids.Length; i++) p[$"InstanceIds.{i + 1}"] = ids[i];
        return p;
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task RenewInstance_succeeds_with_sha256_sha1_get_and_post(bool sha256, bool post)
    {
        await using var host = await Start();
        var (status, json, _) = await Send(TestSigners.TencentV1(host.BaseUri, RenewInstance(LegacyCvm, 2), TcId, TcKey, sha256, post: post));
        Assert.Equal(200, status);
        Assert.Equal(0, json.GetProperty("code").GetInt32());
        Assert.Equal("Success", json.GetProperty("codeDesc").GetString());
        Assert.Matches("^[0-9]+$", json.GetProperty("dealId").GetString());
        Assert.Equal(1, host.RenewalCount(LegacyCvm));
        Assert.Equal(Expiry.AddMonths(2), host.Instance(LegacyCvm)!.Expiry);
        Assert.Equal(("cvm", "RenewInstance", true), (host.Requests[0].Product, host.Requests[0].Action, host.Requests[0].Executed));
    }

    [Fact]
    public async Task RenewInstance_auth_errors_use_numeric_codes()
    {
        await using var host = await Start();
        var bad = (await Send(TestSigners.TencentV1(host.BaseUri, RenewInstance(LegacyCvm, 1), TcId, "wrong"))).Json;
        Assert.Equal((4100, "AuthFailure.SignatureFailure"), (bad.GetProperty("code").GetInt32(), bad.GetProperty("codeDesc").GetString()));
        var unknown = (await Send(TestSigners.TencentV1(host.BaseUri, RenewInstance(LegacyCvm, 1), "AKIDnobody", TcKey))).Json;
        Assert.Equal((4104, "AuthFailure.SecretIdNotFound"), (unknown.GetProperty("code").GetInt32(), unknown.GetProperty("codeDesc").GetString()));
        var old = (await Send(TestSigners.TencentV1(host.BaseUri, RenewInstance(LegacyCvm, 1), TcId, TcKey, timestamp: TestSigners.Now(-400)))).Json;
        Assert.Equal(4500, old.GetProperty("code").GetInt32());
        Assert.Equal(0, (await Send(TestSigners.TencentV1(host.BaseUri, RenewInstance(LegacyCvm, 1), TcId, TcKey, fixedNonce: 77))).Json.GetProperty("code").GetInt32());
        var replay = (await Send(TestSigners.TencentV1(host.BaseUri, RenewInstance(LegacyCvm, 1), TcId, TcKey, fixedNonce: 77))).Json;
        Assert.Equal(4500, replay.GetProperty("code").GetInt32());
        Assert.Equal(1, host.RenewalCount(LegacyCvm));
    }

    [Fact]
    public async Task RenewInstance_business_errors_from_seed_000()
    {
        await using var host = await Start(s =>
        {
            s.Instances.Add(new EmulatedInstance { Id = "ins-pending1", Service = "cvm", State = "PENDING", Expiry = Expiry });
            s.Instances.Add(new EmulatedInstance { Id = "ins-shared01", Service = "cvm", ForcedError = "NotSupport.SharedInstance", Expiry = Expiry });
            s.Instances.Add(new EmulatedInstance { Id = "ins-pricey01", Service = "cvm", MonthlyPrice = 5000, Expiry = Expiry });
        });
        async Task<(int, string?)> Code(string id, int period)
        {
            var j = (await Send(TestSigners.TencentV1(host.BaseUri, RenewInstance(id, period), TcId, TcKey))).Json;
            return (j.GetProperty("code").GetInt32(), j.GetProperty("codeDesc").GetString());
        }
        Assert.Equal((5100, "OperationConstraints.InvaildInstanceStatus"), await Code("ins-pending1", 1));
        Assert.Equal((5100, "NotSupport.SharedInstance"), await Code("ins-shared01", 1));
        Assert.Equal((5300, "OperationConstraints.AccountBalanceNotEnough"), await Code("ins-pricey01", 1));
        Assert.Equal((5000, "ResourceNotFound"), await Code("qcvm00000000000000000000000000000000", 1));
        Assert.Equal((4000, "InvalidParameter"), await Code(LegacyCvm, 37));
        Assert.True(host.Requests.All(r => !r.Executed));
    }

    [Fact]
    public async Task RenewMongoDB_uses_string_codes()
    {
        await using var host = await Start(s =>
        {
            s.Instances.Add(new EmulatedInstance { Id = "cmgo-deleted1", Service = "mongodb", State = "DELETED", Expiry = Expiry });
            s.Instances.Add(new EmulatedInstance { Id = "cmgo-pricey01", Service = "mongodb", MonthlyPrice = 5000, Expiry = Expiry });
        });
        var ok = (await Send(TestSigners.TencentV1(host.BaseUri, RenewMongo(Mongo, "12"), TcId, TcKey))).Json;
        Assert.Equal(JsonValueKind.String, ok.GetProperty("code").ValueKind);
        Assert.Equal("0", ok.GetProperty("code").GetString());
        Assert.Matches("^[0-9]+$", ok.GetProperty("data").GetProperty("dealId").GetString());
        Assert.Equal(1, host.RenewalCount(Mongo));
        async Task<(string?, string?)> Code(string id, string period)
        {
            var j = (await Send(TestSigners.TencentV1(host.BaseUri, RenewMongo(id, period), TcId, TcKey))).Json;
            return (j.GetProperty("code").GetString(), j.GetProperty("codeDesc").GetString());
        }
        Assert.Equal(("11067", "PeriodNotInRange"), await Code(Mongo, "13"));
        Assert.Equal(("11050", "InvalidParameter"), await Code(Mongo, "x"));
        Assert.Equal(("11056", "InstanceNotExists"), await Code("cmgo-zzzz9999", "1"));
        Assert.Equal(("11051", "InstanceDeleted"), await Code("cmgo-deleted1", "1"));
        Assert.Equal(("100207", "OperationConstraints.AccountBalanceNotEnough"), await Code("cmgo-pricey01", "1"));
        var bad = (await Send(TestSigners.TencentV1(host.BaseUri, RenewMongo(Mongo, "1"), TcId, "wrong"))).Json;
        Assert.Equal("4100", bad.GetProperty("code").GetString());
        Assert.Equal(1, host.RenewalCount(Mongo));
    }

    [Fact]
    public async Task Gateway_RenewInstances_answers_in_the_api3_envelope()
    {
        await using var host = await Start();
        var ok = await Send(TestSigners.TencentV1(host.BaseUri, RenewInstances(1, Cvm), TcId, TcKey));
        Assert.Equal("", ErrorCode(ok.Json));
        Assert.True(ok.Json.GetProperty("Response").TryGetProperty("RequestId", out _));
        Assert.Equal(1, host.RenewalCount(Cvm));
        Assert.Equal("InvalidPeriod", ErrorCode((await Send(TestSigners.TencentV1(host.BaseUri, RenewInstances(48, Cvm), TcId, TcKey))).Json));
        Assert.Equal("AuthFailure.SignatureFailure", ErrorCode((await Send(TestSigners.TencentV1(host.BaseUri, RenewInstances(1, Cvm), TcId, "nope"))).Json));
        Assert.Equal("InvalidInstanceId.Malformed", ErrorCode((await Send(TestSigners.TencentV1(host.BaseUri, RenewInstances(1, "ins-1122"), TcId, TcKey))).Json));
        Assert.Equal(1, host.RenewalCount(Cvm));
    }

    [Fact]
    public async Task Legacy_rate_limit_is_numeric_4400()
    {
        await using var host = await Start(s => s.RateLimits["cvm:RenewInstance"] = 2);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Send(TestSigners.TencentV1(host.BaseUri, RenewInstance(LegacyCvm, 1), TcId, TcKey))));
        Assert.Equal(2, results.Count(r => r.Json.GetProperty("code").GetInt32() == 4400 && r.Json.GetProperty("codeDesc").GetString() == "RequestLimitExceeded"));
        Assert.Equal(2, host.RenewalCount(LegacyCvm));
    }

    [Fact]
    public async Task Legacy_drop_after_execution()
    {
        await using var host = await Start();
        host.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, Action = "RenewMongoDB" });
        await Assert.ThrowsAsync<HttpRequestException>(() => Send(TestSigners.TencentV1(host.BaseUri, RenewMongo(Mongo, "1"), TcId, TcKey)));
        Assert.Equal(1, host.RenewalCount(Mongo));
    }
}
