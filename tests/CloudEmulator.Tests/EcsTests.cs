using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;
using static CloudEmulator.Tests.Harness;

namespace CloudEmulator.Tests;

public class EcsTests
{
    private static string Code(System.Text.Json.JsonElement j) => j.GetProperty("Code").GetString()!;

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task V1_signed_request_renews_and_is_counted(string method)
    {
        await using var host = await Start();
        var (status, json, _) = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 2), AliId, AliKey, method: method));
        Assert.Equal(200, status);
        Assert.Matches("^[0-9]+$", json.GetProperty("OrderId").GetString());
        Assert.Equal(1, host.RenewalCount(Ecs));
        Assert.Equal(Expiry.AddMonths(2), host.Instance(Ecs)!.Expiry);
        Assert.Equal(940m, host.Account(AliId).Balance);
        Assert.Equal(("ecs", "RenewInstance", "Success", true), (host.Requests[0].Product, host.Requests[0].Action, host.Requests[0].Outcome, host.Requests[0].Executed));
    }

    [Fact]
    public async Task Acs3_signed_request_renews()
    {
        await using var host = await Start();
        var p = EcsParams(Ecs, 1);
        p["Format"] = "JSON";
        var (status, json, text) = await Send(TestSigners.Acs3(host.BaseUri, p, AliId, AliKey));
        Assert.True(status == 200, text);
        Assert.True(json.TryGetProperty("OrderId", out _));
        Assert.Equal(1, host.RenewalCount(Ecs));
    }

    [Fact]
    public async Task Default_format_is_xml()
    {
        await using var host = await Start();
        var p = EcsParams(Ecs, 1);
        p["Format"] = "XML";
        var (status, _, text) = await Send(TestSigners.AliV1(host.BaseUri, p, AliId, AliKey));
        Assert.Equal(200, status);
        Assert.Contains("<OrderId>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_failures_are_rejected_and_not_executed()
    {
        await using var host = await Start();
        var bad = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, "wrong"));
        Assert.Equal((400, "SignatureDoesNotMatch"), (bad.Status, Code(bad.Json)));
        Assert.StartsWith("Specified signature is not matched with our calculation. server string to sign is:GET&%2F&", bad.Json.GetProperty("Message").GetString(), StringComparison.Ordinal);
        var unknown = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), "LTAInobody", AliKey));
        Assert.Equal((404, "InvalidAccessKeyId.NotFound"), (unknown.Status, Code(unknown.Json)));
        var old = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey, time: DateTimeOffset.UtcNow.AddMinutes(-16)));
        Assert.Equal((400, "InvalidTimeStamp.Expired"), (old.Status, Code(old.Json)));
        var acs3Old = await Send(TestSigners.Acs3(host.BaseUri, EcsParams(Ecs), AliId, AliKey, time: DateTimeOffset.UtcNow.AddMinutes(16)));
        Assert.Equal((400, "InvalidTimeStamp.Expired"), (acs3Old.Status, Code(acs3Old.Json)));
        var acs3Bad = await Send(TestSigners.Acs3(host.BaseUri, EcsParams(Ecs), AliId, "wrong"));
        Assert.Equal((400, "SignatureDoesNotMatch"), (acs3Bad.Status, Code(acs3Bad.Json)));
        var acs3Hash = await Send(TestSigners.Acs3(host.BaseUri, EcsParams(Ecs), AliId, AliKey, contentSha: new string('0', 64)));
        Assert.Equal("SignatureDoesNotMatch", Code(acs3Hash.Json));
        Assert.Equal(0, host.RenewalCount(Ecs));
        Assert.All(host.Requests, r => Assert.False(r.Executed));
    }

    [Fact]
    public async Task Nonce_reuse_and_sts_token()
    {
        await using var host = await Start(s => s.Accounts[1].Token = "sts");
        Assert.Equal("InvalidSecurityToken.Expired", Code((await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey))).Json));
        Assert.Equal(200, (await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey, signatureNonce: "n-1", token: "sts"))).Status);
        var reused = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey, signatureNonce: "n-1", token: "sts"));
        Assert.Equal((400, "SignatureNonceUsed"), (reused.Status, Code(reused.Json)));
        Assert.Equal(200, (await Send(TestSigners.Acs3(host.BaseUri, EcsParams(Ecs), AliId, AliKey, token: "sts"))).Status);
        Assert.Equal(2, host.RenewalCount(Ecs));
    }

    [Fact]
    public async Task Rate_limit_answers_Throttling_User()
    {
        await using var host = await Start(s => s.RateLimits["ecs:RenewInstance"] = 2);
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey))));
        Assert.Equal(3, results.Count(r => r.Status == 400 && Code(r.Json) == "Throttling.User"));
        Assert.Equal(2, host.RenewalCount(Ecs));
    }

    [Fact]
    public async Task ClientToken_replay_returns_the_original_order_without_a_second_charge()
    {
        await using var host = await Start();
        var first = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-1"), AliId, AliKey));
        var again = await Send(TestSigners.Acs3(host.BaseUri, EcsParams(Ecs, 1, "tok-1"), AliId, AliKey));
        Assert.Equal(first.Json.GetProperty("OrderId").GetString(), again.Json.GetProperty("OrderId").GetString());
        Assert.Equal(1, host.RenewalCount(Ecs));
        Assert.Equal(970m, host.Account(AliId).Balance);
        var mismatch = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 2, "tok-1"), AliId, AliKey));
        Assert.Equal((400, "IdempotenceParamNotMatch"), (mismatch.Status, Code(mismatch.Json)));
        Assert.Equal([true, false, false], host.Requests.Select(r => r.Executed));
    }

    [Fact]
    public async Task ClientToken_while_processing_is_LastTokenProcessing()
    {
        await using var host = await Start();
        host.Enqueue(new FaultRule { Kind = FaultKind.SlowAfterExecution, InstanceId = Ecs, DelayMs = 800 });
        var slow = Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-slow"), AliId, AliKey));
        await Task.Delay(300);
        var during = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-slow"), AliId, AliKey));
        Assert.Equal((403, "LastTokenProcessing"), (during.Status, Code(during.Json)));
        var done = await slow;
        Assert.Equal(200, done.Status);
        var after = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-slow"), AliId, AliKey));
        Assert.Equal(done.Json.GetProperty("OrderId").GetString(), after.Json.GetProperty("OrderId").GetString());
        Assert.Equal(1, host.RenewalCount(Ecs));
    }

    [Fact]
    public async Task Drop_then_resend_with_same_token_is_harmless()
    {
        await using var host = await Start();
        host.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, Action = "ecs:RenewInstance" });
        await Assert.ThrowsAsync<HttpRequestException>(() => Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-drop"), AliId, AliKey)));
        Assert.Equal(1, host.RenewalCount(Ecs));
        var resend = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-drop"), AliId, AliKey));
        Assert.Equal(200, resend.Status);
        Assert.Equal(1, host.RenewalCount(Ecs));
        Assert.Equal(970m, host.Account(AliId).Balance);
    }

    [Fact]
    public async Task Failed_request_leaves_no_token_and_error_after_execution_does()
    {
        await using var host = await Start(s => s.Instances[4].State = "Stopping");
        var blocked = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-x"), AliId, AliKey));
        Assert.Equal((403, "IncorrectInstanceStatus"), (blocked.Status, Code(blocked.Json)));
        host.Instance(Ecs)!.State = "Running";
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorAfterExecution });
        var failed = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-x"), AliId, AliKey));
        Assert.Equal((500, "InternalError"), (failed.Status, Code(failed.Json)));
        var retry = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 1, "tok-x"), AliId, AliKey));
        Assert.Equal(200, retry.Status);
        Assert.Equal(1, host.RenewalCount(Ecs));
    }

    public static TheoryData<Dictionary<string, string>, int, string> BusinessErrors() => new()
    {
        { new() { ["Period"] = "1" }, 400, "MissingParameter" },
        { new() { ["InstanceId"] = Ecs, ["Period"] = "1", ["ExpectedRenewDay"] = "5" }, 400, "InvalidParameter" },
        { new() { ["InstanceId"] = Ecs, ["Period"] = "1", ["PeriodUnit"] = "Year" }, 400, "InvalidPeriodUnit.ValueNotSupported" },
        { new() { ["InstanceId"] = Ecs, ["Period"] = "5", ["PeriodUnit"] = "Week" }, 400, "InvalidPeriod" },
        { new() { ["InstanceId"] = Ecs, ["Period"] = "13" }, 400, "InvalidPeriod" },
        { new() { ["InstanceId"] = Ecs, ["ExpectedRenewDay"] = "29" }, 400, "InvalidExpectedRenewDay.ValueNotSupported" },
        { new() { ["InstanceId"] = Ecs, ["Period"] = "1", ["ClientToken"] = new string('a', 65) }, 400, "InvalidClientToken.ValueNotSupported" },
        { new() { ["InstanceId"] = "i-doesnotexist0001", ["Period"] = "1" }, 404, "InvalidInstanceId.NotFound" },
        { new() { ["InstanceId"] = EcsPostpaid, ["Period"] = "1" }, 403, "ChargeTypeViolation" },
        { new() { ["InstanceId"] = Ecs, ["Period"] = "60" }, 400, "InvalidPeriod.ExceededMaximumExpirationDate" },
        { new() { ["InstanceId"] = Ecs, ["Period"] = "36" }, 403, "InvalidAccountStatus.NotEnoughBalance" },
    };

    [Theory]
    [MemberData(nameof(BusinessErrors))]
    public async Task Business_errors_renew_nothing(Dictionary<string, string> parameters, int status, string code)
    {
        await using var host = await Start(s => s.Instances[4].Expiry = DateTimeOffset.UtcNow.AddDays(10));
        var r = await Send(TestSigners.AliV1(host.BaseUri, parameters, AliId, AliKey));
        Assert.Equal((status, code), (r.Status, Code(r.Json)));
        Assert.Equal(0, host.RenewalCount(Ecs));
    }

    [Fact]
    public async Task Instance_flags_and_forced_error_status_from_seed()
    {
        await using var host = await Start();
        async Task<(int, string)> Try()
        {
            var r = await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey));
            return (r.Status, Code(r.Json));
        }
        var inst = host.Instance(Ecs)!;
        inst.LockedForSecurity = true;
        Assert.Equal((403, "InstanceLockedForSecurity"), await Try());
        inst.LockedForSecurity = false;
        inst.UnpaidOrder = true;
        Assert.Equal((403, "Instance.UnPaidOrder"), await Try());
        inst.UnpaidOrder = false;
        inst.ForcedError = "InstanceSpecModification.NotEffective";
        Assert.Equal((403, "InstanceSpecModification.NotEffective"), await Try());
        inst.ForcedError = "LastOrderProcessing";
        Assert.Equal((400, "LastOrderProcessing"), await Try());
        Assert.Equal(0, host.RenewalCount(Ecs));
    }

    [Fact]
    public async Task International_site_rejects_weeks_and_long_periods()
    {
        await using var host = await Start(s => s.EcsSite = "international");
        var week = new Dictionary<string, string> { ["InstanceId"] = Ecs, ["Period"] = "1", ["PeriodUnit"] = "Week" };
        Assert.Equal("InvalidPeriodUnit.ValueNotSupported", Code((await Send(TestSigners.AliV1(host.BaseUri, week, AliId, AliKey))).Json));
        Assert.Equal("InvalidPeriod", Code((await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 10), AliId, AliKey))).Json));
        Assert.Equal(200, (await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 12), AliId, AliKey))).Status);
    }

    [Fact]
    public async Task Before_execution_fault_is_503_ServiceUnavailable()
    {
        await using var host = await Start();
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorBeforeExecution, InstanceId = Ecs, Times = 2 });
        Assert.Equal(503, (await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey))).Status);
        Assert.Equal("ServiceUnavailable", Code((await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey))).Json));
        Assert.Equal(200, (await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs), AliId, AliKey))).Status);
        Assert.Equal(1, host.RenewalCount(Ecs));
    }
}
