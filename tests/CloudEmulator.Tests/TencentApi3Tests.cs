using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static CloudEmulator.Tests.Harness;

namespace CloudEmulator.Tests;

public class TencentApi3Tests
{
    [Fact]
    public async Task Cvm_signed_request_renews_and_is_counted()
    {
        await using var host = await Start();
        var (status, json, _) = await Send(CvmRenew(host, CvmBody(3, Cvm)));
        Assert.Equal(200, status);
        Assert.True(Guid.TryParse(json.GetProperty("Response").GetProperty("RequestId").GetString(), out _));
        Assert.Equal(1, host.RenewalCount(Cvm));
        Assert.Equal(Expiry.AddMonths(3), host.Instance(Cvm)!.Expiry);
        Assert.Equal(970m, host.Account(TcId).Balance);
        var rec = Assert.Single(host.Requests);
        Assert.Equal(("cvm", "RenewInstances", "Success", true, 200), (rec.Product, rec.Action, rec.Outcome, rec.Executed, rec.HttpStatus));
        Assert.Equal([Cvm], rec.InstanceIds);
        Assert.True(rec.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Cvm_signing_x_tc_action_is_accepted()
    {
        await using var host = await Start();
        var msg = TestSigners.Tc3(host.BaseUri, "cvm", "RenewInstances", "2017-03-12", Region, CvmBody(1, Cvm), TcId, TcKey, signAction: true);
        var (_, json, _) = await Send(msg);
        Assert.Equal("", ErrorCode(json));
        Assert.Equal(1, host.RenewalCount(Cvm));
    }

    [Theory]
    [InlineData("bad-key", TcId, 0, "AuthFailure.SignatureFailure")]
    [InlineData(TcKey, "AKIDunknown", 0, "AuthFailure.SecretIdNotFound")]
    [InlineData(TcKey, TcId, -301, "AuthFailure.SignatureExpire")]
    [InlineData(TcKey, TcId, 400, "AuthFailure.SignatureExpire")]
    public async Task Cvm_auth_failures_are_rejected_and_not_executed(string key, string id, int skew, string code)
    {
        await using var host = await Start();
        var (status, json, _) = await Send(CvmRenew(host, CvmBody(1, Cvm), key: key, id: id, ts: TestSigners.Now(skew)));
        Assert.Equal(200, status);
        Assert.Equal(code, ErrorCode(json));
        Assert.Equal(0, host.RenewalCount(Cvm));
        Assert.False(host.Requests.Single().Executed);
    }

    [Fact]
    public async Task Clock_offset_shifts_timestamp_check_and_date_header()
    {
        await using var host = await Start(s => s.ClockOffsetSeconds = 3600);
        using var msg = CvmRenew(host, CvmBody(1, Cvm));
        using var response = await Client.SendAsync(msg);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("AuthFailure.SignatureExpire", ErrorCode(json));
        var serverDate = response.Headers.Date!.Value;
        Assert.InRange((serverDate - DateTimeOffset.UtcNow).TotalSeconds, 3590, 3610);
        var (_, ok, _) = await Send(CvmRenew(host, CvmBody(1, Cvm), ts: serverDate.ToUnixTimeSeconds()));
        Assert.Equal("", ErrorCode(ok));
    }

    [Fact]
    public async Task Sts_token_is_required_when_the_account_has_one()
    {
        await using var host = await Start(s => s.Accounts[0].Token = "sts-token");
        Assert.Equal("AuthFailure.TokenFailure", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm)))).Json));
        Assert.Equal("AuthFailure.TokenFailure", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm), token: "wrong"))).Json));
        Assert.Equal(0, host.RenewalCount(Cvm));
        Assert.Equal("", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm), token: "sts-token"))).Json));
        Assert.Equal(1, host.RenewalCount(Cvm));
    }

    [Theory]
    [InlineData("{\"InstanceChargePrepaid\":{\"Period\":1}}", "MissingParameter")]
    [InlineData("{\"InstanceIds\":[\"ins-abcd0001\"],\"InstanceChargePrepaid\":{\"Period\":13}}", "InvalidPeriod")]
    [InlineData("{\"InstanceIds\":[\"ins-abcd0001\"],\"InstanceChargePrepaid\":{\"Period\":1,\"RenewFlag\":\"X\"}}", "InvalidParameterValue")]
    [InlineData("{\"InstanceIds\":[\"ins-1122\"],\"InstanceChargePrepaid\":{\"Period\":1}}", "InvalidInstanceId.Malformed")]
    [InlineData("{\"InstanceIds\":[\"ins-zzzz9999\"],\"InstanceChargePrepaid\":{\"Period\":1}}", "InvalidInstanceId.NotFound")]
    [InlineData("{\"InstanceIds\":[\"ins-abcd0001\",\"ins-abcd0002\"],\"InstanceChargePrepaid\":{\"Period\":1}}", "UnsupportedOperation.InstanceChargeType")]
    [InlineData("{\"InstanceIds\":[\"ins-abcd0001\"],\"InstanceChargePrepaid\":{\"Period\":60}}", "InvalidAccount.InsufficientBalance")]
    [InlineData("{\"InstanceIds\":[\"ins-abcd0001\"],\"DryRun\":true,\"InstanceChargePrepaid\":{\"Period\":1}}", "UnknownParameter")]
    public async Task Cvm_business_errors_renew_nothing(string body, string code)
    {
        await using var host = await Start(s => s.Accounts[0].Balance = 100);
        var (status, json, _) = await Send(CvmRenew(host, body));
        Assert.Equal(200, status);
        Assert.Equal(code, ErrorCode(json));
        Assert.Equal(0, host.RenewalCount(Cvm));
        Assert.Equal(100m, host.Account(TcId).Balance);
    }

    [Fact]
    public async Task Cvm_region_mismatch_limit_state_and_forced_errors()
    {
        await using var host = await Start(s =>
        {
            s.Instances.Add(new EmulatedInstance { Id = "ins-stopping", Service = "cvm", Region = Region, State = "STOPPING", Expiry = Expiry });
            s.Instances.Add(new EmulatedInstance { Id = "ins-forced01", Service = "cvm", Region = Region, ForcedError = "InternalError.TradeUnknownError", Expiry = Expiry });
        });
        Assert.Equal("InvalidInstanceId.NotFound", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm), region: "ap-beijing"))).Json));
        Assert.Equal("MissingParameter", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm), region: null))).Json));
        var many = Enumerable.Range(0, 101).Select(i => $"ins-{i:d8}").ToArray();
        Assert.Equal("InvalidParameterValue.LimitExceeded", ErrorCode((await Send(CvmRenew(host, CvmBody(1, many)))).Json));
        var stopping = (await Send(CvmRenew(host, CvmBody(1, Cvm, "ins-stopping")))).Json;
        Assert.Equal("UnsupportedOperation.InstanceStateStopping", ErrorCode(stopping));
        Assert.Contains("ins-stopping", stopping.GetProperty("Response").GetProperty("Error").GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal("InternalError.TradeUnknownError", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm, "ins-forced01")))).Json));
        Assert.Equal(0, host.RenewalCount(Cvm));
    }

    [Fact]
    public async Task Wrong_action_or_version()
    {
        await using var host = await Start();
        var msg = TestSigners.Tc3(host.BaseUri, "cvm", "RenewDBInstances", "2017-03-12", Region, CvmBody(1, Cvm), TcId, TcKey);
        Assert.Equal("InvalidAction", ErrorCode((await Send(msg)).Json));
        msg = TestSigners.Tc3(host.BaseUri, "cvm", "RenewInstances", "2019-07-25", Region, CvmBody(1, Cvm), TcId, TcKey);
        Assert.Equal("NoSuchVersion", ErrorCode((await Send(msg)).Json));
    }

    [Fact]
    public async Task Cvm_rate_limit_answers_RequestLimitExceeded()
    {
        await using var host = await Start(s => s.RateLimits["cvm:RenewInstances"] = 3);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Send(CvmRenew(host, CvmBody(1, Cvm)))));
        Assert.Equal(3, results.Count(r => ErrorCode(r.Json) == "RequestLimitExceeded"));
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(3, host.RenewalCount(Cvm));
    }

    [Fact]
    public async Task Mongo_renews_and_reports_its_codes()
    {
        await using var host = await Start(s => s.Instances.Add(new EmulatedInstance { Id = "cmgo-post0001", Service = "mongodb", Region = Region, ChargeType = "POSTPAID_BY_HOUR", Expiry = Expiry }));
        HttpRequestMessage Renew(string body) => TestSigners.Tc3(host.BaseUri, "mongodb", "RenewDBInstances", "2019-07-25", Region, body, TcId, TcKey);
        Assert.Equal("", ErrorCode((await Send(Renew(CvmBody(2, Mongo)))).Json));
        Assert.Equal(1, host.RenewalCount(Mongo));
        Assert.Equal(Expiry.AddMonths(2), host.Instance(Mongo)!.Expiry);
        Assert.Equal("InvalidParameterValue.NotFoundInstance", ErrorCode((await Send(Renew(CvmBody(1, "cmgo-zzzz9999")))).Json));
        Assert.Equal("InvalidParameterValue.InvalidTradeOperation", ErrorCode((await Send(Renew(CvmBody(1, "cmgo-post0001")))).Json));
        Assert.Equal("InvalidParameterValue", ErrorCode((await Send(Renew(CvmBody(48, Mongo)))).Json));
        host.Instance(Mongo)!.ForcedError = "InvalidParameter.PermissionDenied";
        Assert.Equal("InvalidParameter.PermissionDenied", ErrorCode((await Send(Renew(CvmBody(1, Mongo)))).Json));
        var bad = TestSigners.Tc3(host.BaseUri, "mongodb", "RenewDBInstances", "2019-07-25", Region, CvmBody(1, Mongo), TcId, "wrong");
        Assert.Equal("AuthFailure.SignatureFailure", ErrorCode((await Send(bad)).Json));
        Assert.Equal(1, host.RenewalCount(Mongo));
    }

    [Fact]
    public async Task Faults_before_and_after_execution()
    {
        await using var host = await Start();
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorBeforeExecution, InstanceId = Cvm });
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorAfterExecution, Action = "cvm:RenewInstances" });
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorCode, Code = "InternalError", Action = "RenewDBInstances" });
        var before = await Send(CvmRenew(host, CvmBody(1, Cvm)));
        Assert.Equal(503, before.Status);
        Assert.Equal(0, host.RenewalCount(Cvm));
        var after = await Send(CvmRenew(host, CvmBody(1, Cvm)));
        Assert.Equal(500, after.Status);
        Assert.Equal(1, host.RenewalCount(Cvm));
        var mongo = await Send(TestSigners.Tc3(host.BaseUri, "mongodb", "RenewDBInstances", "2019-07-25", Region, CvmBody(1, Mongo), TcId, TcKey));
        Assert.Equal("InternalError", ErrorCode(mongo.Json));
        Assert.Equal(0, host.RenewalCount(Mongo));
        Assert.Equal(["ErrorBeforeExecution", "ErrorAfterExecution", "InternalError"], host.Requests.Select(r => r.Outcome));
        Assert.Equal([false, true, false], host.Requests.Select(r => r.Executed));
    }

    [Fact]
    public async Task Drop_after_execution_renews_but_gives_no_response()
    {
        await using var host = await Start();
        host.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, InstanceId = Cvm });
        await Assert.ThrowsAsync<HttpRequestException>(() => Send(CvmRenew(host, CvmBody(1, Cvm))));
        Assert.Equal(1, host.RenewalCount(Cvm));
        var rec = host.Requests.Single();
        Assert.Equal(("DropAfterExecution", true, 0), (rec.Outcome, rec.Executed, rec.HttpStatus));
    }

    [Fact]
    public async Task Slow_after_execution_and_latency_delay_the_answer()
    {
        await using var host = await Start(s => s.LatencyMs = 100);
        host.Enqueue(new FaultRule { Kind = FaultKind.SlowAfterExecution, DelayMs = 400 });
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var (status, _, _) = await Send(CvmRenew(host, CvmBody(1, Cvm)));
        Assert.Equal(200, status);
        Assert.True(sw.ElapsedMilliseconds >= 480, $"took {sw.ElapsedMilliseconds} ms");
        Assert.Equal(1, host.RenewalCount(Cvm));
    }

    [Fact]
    public async Task Random_fault_rates_are_seeded_and_all_or_nothing()
    {
        await using var host = await Start(s => { s.Faults.ThrottleRate = 0.5; s.RateLimits["cvm:RenewInstances"] = 0; });
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Send(CvmRenew(host, CvmBody(1, Cvm)))));
        var ok = results.Count(r => ErrorCode(r.Json) == "");
        Assert.InRange(ok, 1, 19);
        Assert.Equal(ok, host.RenewalCount(Cvm));
        Assert.Equal(20 - ok, host.Requests.Count(r => r.Outcome == "RequestLimitExceeded" && !r.Executed));
    }

    [Fact]
    public async Task AutoCreate_accepts_unknown_well_formed_ids()
    {
        await using var host = await Start(s => s.AutoCreateInstances = true);
        Assert.Equal("", ErrorCode((await Send(CvmRenew(host, CvmBody(1, "ins-new00001", "ins-new00002")))).Json));
        Assert.Equal(1, host.RenewalCount("ins-new00002"));
        Assert.Equal(Region, host.Instance("ins-new00001")!.Region);
        Assert.Equal("InvalidInstanceId.Malformed", ErrorCode((await Send(CvmRenew(host, CvmBody(1, "ins-bad")))).Json));
    }
}
