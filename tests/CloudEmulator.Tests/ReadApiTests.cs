using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static CloudEmulator.Tests.Harness;

namespace CloudEmulator.Tests;

/// <summary>The read side (issue 10): CVM/MongoDB/ECS Describe actions, asynchronous renewals and generated fleets.</summary>
public class ReadApiTests
{
    private static HttpRequestMessage CvmDescribe(EmulatorHost host, object body, string? region = Region) =>
        TestSigners.Tc3(host.BaseUri, "cvm", "DescribeInstances", "2017-03-12", region, JsonSerializer.Serialize(body), TcId, TcKey);

    private static HttpRequestMessage MongoDescribe(EmulatorHost host, object body, string? region = Region) =>
        TestSigners.Tc3(host.BaseUri, "mongodb", "DescribeDBInstances", "2019-07-25", region, JsonSerializer.Serialize(body), TcId, TcKey);

    private static HttpRequestMessage EcsDescribe(EmulatorHost host, Dictionary<string, string> p, bool acs3 = false)
    {
        p.TryAdd("RegionId", "cn-hangzhou");
        p["Format"] = "JSON";
        if (acs3) return TestSigners.Acs3(host.BaseUri, p, AliId, AliKey, action: "DescribeInstances");
        p["Action"] = "DescribeInstances";
        return TestSigners.AliV1(host.BaseUri, p, AliId, AliKey);
    }

    private static JsonElement R(JsonElement json) => json.GetProperty("Response");
    private static List<string> Ids(JsonElement set) => set.EnumerateArray().Select(i => i.GetProperty("InstanceId").GetString()!).ToList();

    private static void AddFleet(Scenario s, string service, int count, params string[] regions)
    {
        var fleet = new FleetSpec { Service = service, Count = count, PrepaidShare = 0.7 };
        fleet.Regions.AddRange(regions);
        s.Fleets.Add(fleet);
    }

    [Fact]
    public async Task Cvm_describe_by_ids_shows_prepaid_and_postpaid_shapes_and_is_logged()
    {
        await using var host = await Start();
        var (status, json, _) = await Send(CvmDescribe(host, new { InstanceIds = new[] { Cvm, CvmPostpaid, "ins-zzzz9999" } }));
        Assert.Equal(200, status);
        var r = R(json);
        Assert.Equal(2, r.GetProperty("TotalCount").GetInt32());
        Assert.True(Guid.TryParse(r.GetProperty("RequestId").GetString(), out _));
        var set = r.GetProperty("InstanceSet");
        Assert.Equal([Cvm, CvmPostpaid], Ids(set));
        var pre = set[0];
        Assert.Equal("PREPAID", pre.GetProperty("InstanceChargeType").GetString());
        Assert.Equal("2030-01-15T00:00:00Z", pre.GetProperty("ExpiredTime").GetString());
        Assert.Equal("NOTIFY_AND_MANUAL_RENEW", pre.GetProperty("RenewFlag").GetString());
        Assert.Equal("RUNNING", pre.GetProperty("InstanceState").GetString());
        Assert.Equal("ap-guangzhou-1", pre.GetProperty("Placement").GetProperty("Zone").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", pre.GetProperty("CreatedTime").GetString());
        Assert.Equal("NORMAL", pre.GetProperty("RestrictState").GetString());
        Assert.Equal("NOTISOLATED", pre.GetProperty("IsolatedSource").GetString());
        Assert.Equal(Cvm, pre.GetProperty("InstanceName").GetString());
        foreach (var f in new[] { "LatestOperation", "LatestOperationState", "LatestOperationRequestId", "LatestOperationErrorMsg" })
            Assert.Equal(JsonValueKind.Null, pre.GetProperty(f).ValueKind);
        var post = set[1];
        Assert.Equal("POSTPAID_BY_HOUR", post.GetProperty("InstanceChargeType").GetString());
        Assert.Equal(JsonValueKind.Null, post.GetProperty("ExpiredTime").ValueKind);
        Assert.Equal(JsonValueKind.Null, post.GetProperty("RenewFlag").ValueKind);
        var rec = Assert.Single(host.Requests);
        Assert.Equal(("cvm", "DescribeInstances", "Success", false, 200), (rec.Product, rec.Action, rec.Outcome, rec.Executed, rec.HttpStatus));
        Assert.Equal([Cvm, CvmPostpaid, "ins-zzzz9999"], rec.InstanceIds);
    }

    [Fact]
    public async Task Cvm_describe_pages_a_filtered_region_with_TotalCount()
    {
        await using var host = await Start(s => AddFleet(s, "cvm", 90, Region, "ap-shanghai"));
        var expected = host.Scenario.Instances.Where(i => i.Service == "cvm" && i.Region == Region && i.ChargeType == "PREPAID")
            .Select(i => i.Id).OrderBy(i => i, StringComparer.Ordinal).ToList();
        var seen = new List<string>();
        for (var offset = 0; ; offset += 20)
        {
            var r = R((await Send(CvmDescribe(host, new { Filters = new[] { new { Name = "instance-charge-type", Values = new[] { "PREPAID" } } }, Offset = offset }))).Json);
            Assert.Equal(expected.Count, r.GetProperty("TotalCount").GetInt32());
            var page = Ids(r.GetProperty("InstanceSet"));
            Assert.True(page.Count <= 20);
            seen.AddRange(page);
            if (offset + 20 >= expected.Count) break;
        }
        Assert.Equal(expected, seen);
        Assert.Contains(Cvm, seen);
        Assert.DoesNotContain(CvmPostpaid, seen);
        // The log names the ids returned when none were asked for.
        Assert.Equal(expected.Take(20), host.Requests[0].InstanceIds);
        var big = R((await Send(CvmDescribe(host, new { Limit = 100 }, "ap-shanghai"))).Json);
        Assert.Equal(45, big.GetProperty("TotalCount").GetInt32());
        Assert.Equal(45, big.GetProperty("InstanceSet").GetArrayLength());
    }

    [Fact]
    public async Task Cvm_describe_filters_and_refusals()
    {
        await using var host = await Start(s => s.Instances.Add(new EmulatedInstance
        {
            Id = "ins-stop0001", Service = "cvm", Region = Region, State = "STOPPED", Zone = "ap-guangzhou-4", Name = "web-1", Expiry = Expiry,
        }));
        async Task<List<string>> Filtered(string name, params string[] values) =>
            Ids(R((await Send(CvmDescribe(host, new { Filters = new[] { new { Name = name, Values = values } } }))).Json).GetProperty("InstanceSet"));
        Assert.Equal(["ins-stop0001"], await Filtered("zone", "ap-guangzhou-4"));
        Assert.Equal(["ins-stop0001"], await Filtered("instance-state", "STOPPED"));
        Assert.Equal(["ins-stop0001"], await Filtered("instance-name", "web-1"));
        Assert.Equal([Cvm, "ins-stop0001"], await Filtered("instance-id", "ins-stop0001", Cvm));
        Assert.Equal([CvmPostpaid], await Filtered("instance-charge-type", "POSTPAID_BY_HOUR"));
        Assert.Empty(await Filtered("instance-charge-type", "CDHPAID"));

        async Task<(string Code, string Message)> Error(object body, string? region = Region)
        {
            var r = R((await Send(CvmDescribe(host, body, region))).Json).GetProperty("Error");
            return (r.GetProperty("Code").GetString()!, r.GetProperty("Message").GetString()!);
        }
        var both = await Error(new { InstanceIds = new[] { Cvm }, Filters = new[] { new { Name = "zone", Values = new[] { "ap-guangzhou-1" } } } });
        Assert.Equal(("InvalidParameter", "InstanceIds and Filters cannot be specified at the same time."), both);
        Assert.Equal("InvalidParameterValue.LimitExceeded", (await Error(new { InstanceIds = Enumerable.Range(0, 101).Select(i => $"ins-{i:d8}").ToArray() })).Code);
        Assert.Equal("InvalidParameterValue.LimitExceeded", (await Error(new { Limit = 101 })).Code);
        Assert.Equal("InvalidParameterValue.LimitExceeded", (await Error(new { Filters = Enumerable.Range(0, 11).Select(_ => new { Name = "zone", Values = new[] { "z" } }).ToArray() })).Code);
        Assert.Equal("InvalidParameterValue.LimitExceeded", (await Error(new { Filters = new[] { new { Name = "zone", Values = new[] { "a", "b", "c", "d", "e", "f" } } } })).Code);
        Assert.Equal("InvalidFilter", (await Error(new { Filters = new[] { new { Name = "expired-time", Values = new[] { "x" } } } })).Code);
        Assert.Equal("InvalidInstanceId.Malformed", (await Error(new { InstanceIds = new[] { "ins-bad" } })).Code);
        Assert.Equal("MissingParameter", (await Error(new { }, region: null)).Code);
        Assert.Equal("UnknownParameter", (await Error(new { DryRun = true })).Code);
        Assert.All(host.Requests, r => Assert.False(r.Executed));
    }

    [Fact]
    public async Task Mongo_describe_DeadLine_in_china_time_and_PayMode_filter()
    {
        await using var host = await Start(s =>
        {
            s.Instances.Add(new EmulatedInstance
            {
                Id = "cmgo-post0001", Service = "mongodb", Region = Region, ChargeType = "POSTPAID_BY_HOUR", Expiry = Expiry,
                Created = new DateTimeOffset(2024, 3, 30, 7, 44, 21, TimeSpan.Zero),
            });
            s.Instances.Add(new EmulatedInstance { Id = "cmgo-shan0001", Service = "mongodb", Region = "ap-shanghai", Expiry = Expiry, RenewFlag = "NOTIFY_AND_AUTO_RENEW" });
        });
        var all = R((await Send(MongoDescribe(host, new { }))).Json);
        Assert.Equal(2, all.GetProperty("TotalCount").GetInt32());
        var details = all.GetProperty("InstanceDetails");
        Assert.Equal([Mongo, "cmgo-post0001"], Ids(details));
        var pre = details[0];
        Assert.Equal(1, pre.GetProperty("PayMode").GetInt32());
        Assert.Equal(2, pre.GetProperty("Status").GetInt32());
        Assert.Equal(0, pre.GetProperty("AutoRenewFlag").GetInt32());
        Assert.Equal("2030-01-15 08:00:00", pre.GetProperty("DeadLine").GetString()); // 2030-01-15T00:00Z in UTC+8
        Assert.Equal("2024-01-01 08:00:00", pre.GetProperty("CreateTime").GetString());
        Assert.Equal((Region, "ap-guangzhou-1"), (pre.GetProperty("Region").GetString(), pre.GetProperty("Zone").GetString()));
        var prepaid = R((await Send(MongoDescribe(host, new { PayMode = 1 }))).Json).GetProperty("InstanceDetails");
        Assert.Equal([Mongo], Ids(prepaid));
        var post = R((await Send(MongoDescribe(host, new { PayMode = 0 }))).Json).GetProperty("InstanceDetails");
        Assert.Equal(["cmgo-post0001"], Ids(post));
        Assert.Equal(0, post[0].GetProperty("PayMode").GetInt32());
        Assert.Equal("2074-03-30 15:44:21", post[0].GetProperty("DeadLine").GetString()); // 50 years ahead
        Assert.Equal(2, R((await Send(MongoDescribe(host, new { PayMode = -1 }))).Json).GetProperty("TotalCount").GetInt32());
        var anyRegion = R((await Send(MongoDescribe(host, new { InstanceIds = new[] { "cmgo-shan0001" } }, region: null))).Json).GetProperty("InstanceDetails");
        Assert.Equal(1, anyRegion[0].GetProperty("AutoRenewFlag").GetInt32());
        var paged = R((await Send(MongoDescribe(host, new { Limit = 1, Offset = 1 }))).Json);
        Assert.Equal(2, paged.GetProperty("TotalCount").GetInt32());
        Assert.Equal(["cmgo-post0001"], Ids(paged.GetProperty("InstanceDetails")));
        Assert.Equal("InvalidParameterValue", ErrorCode((await Send(MongoDescribe(host, new { Limit = 101 }))).Json));
        Assert.Equal("InvalidParameterValue", ErrorCode((await Send(MongoDescribe(host, new { PayMode = 2 }))).Json));
        Assert.Equal(("mongodb", "DescribeDBInstances"), (host.Requests[0].Product, host.Requests[0].Action));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ecs_describe_minute_precision_and_postpaid_expiry(bool acs3)
    {
        await using var host = await Start();
        var (status, json, text) = await Send(EcsDescribe(host, new() { ["InstanceIds"] = $"[\"{Ecs}\",\"{EcsPostpaid}\"]" }, acs3));
        Assert.True(status == 200, text);
        Assert.Equal(2, json.GetProperty("TotalCount").GetInt32());
        Assert.Equal("", json.GetProperty("NextToken").GetString());
        Assert.True(json.TryGetProperty("RequestId", out _));
        var list = json.GetProperty("Instances").GetProperty("Instance");
        Assert.Equal([Ecs, EcsPostpaid], Ids(list));
        var pre = list[0];
        Assert.Equal("2030-01-15T00:00Z", pre.GetProperty("ExpiredTime").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\dZ$", pre.GetProperty("CreationTime").GetString());
        Assert.Equal(("PrePaid", "Running", "cn-hangzhou", "cn-hangzhou-a"), (pre.GetProperty("InstanceChargeType").GetString(), pre.GetProperty("Status").GetString(),
            pre.GetProperty("RegionId").GetString(), pre.GetProperty("ZoneId").GetString()));
        Assert.Equal(("", "month"), (pre.GetProperty("AutoReleaseTime").GetString(), pre.GetProperty("SaleCycle").GetString()));
        Assert.Equal(0, pre.GetProperty("OperationLocks").GetProperty("LockReason").GetArrayLength());
        Assert.Equal("2099-12-31T15:59Z", list[1].GetProperty("ExpiredTime").GetString());
        var rec = host.Requests.Single();
        Assert.Equal(("ecs", "DescribeInstances", "Success", false), (rec.Product, rec.Action, rec.Outcome, rec.Executed));
        Assert.Equal([Ecs, EcsPostpaid], rec.InstanceIds);
    }

    [Fact]
    public async Task Ecs_describe_pages_with_NextToken_and_PageNumber_and_refuses_mixing()
    {
        await using var host = await Start(s => AddFleet(s, "ecs", 25));
        var expected = host.Scenario.Instances.Where(i => i.Service == "ecs").Select(i => i.Id).OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.Equal(27, expected.Count);
        Assert.All(expected.Skip(2), id => Assert.Matches("^i-bp[a-z0-9]{18}$", id));
        var seen = new List<string>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var p = new Dictionary<string, string> { ["MaxResults"] = "5" }; // below 10 → 10
            if (token is not null) p["NextToken"] = token;
            var json = (await Send(EcsDescribe(host, p))).Json;
            var page = Ids(json.GetProperty("Instances").GetProperty("Instance"));
            sizes.Add(page.Count);
            seen.AddRange(page);
            token = json.GetProperty("NextToken").GetString();
        } while (!string.IsNullOrEmpty(token));
        Assert.Equal([10, 10, 7], sizes);
        Assert.Equal(expected, seen);

        var byPage = (await Send(EcsDescribe(host, new() { ["PageNumber"] = "3", ["PageSize"] = "10" }))).Json;
        Assert.Equal(7, byPage.GetProperty("Instances").GetProperty("Instance").GetArrayLength());
        Assert.Equal((27, 3, 10), (byPage.GetProperty("TotalCount").GetInt32(), byPage.GetProperty("PageNumber").GetInt32(), byPage.GetProperty("PageSize").GetInt32()));
        var big = (await Send(EcsDescribe(host, new() { ["MaxResults"] = "500", ["InstanceChargeType"] = "PrePaid" }))).Json;
        var prepaid = host.Scenario.Instances.Count(i => i.Service == "ecs" && i.ChargeType == "PrePaid");
        Assert.Equal(prepaid, big.GetProperty("Instances").GetProperty("Instance").GetArrayLength());
        Assert.Equal(0, (await Send(EcsDescribe(host, new() { ["InstanceIds"] = "[]" }))).Json.GetProperty("TotalCount").GetInt32());
        Assert.Equal(0, (await Send(EcsDescribe(host, new() { ["RegionId"] = "cn-beijing" }))).Json.GetProperty("TotalCount").GetInt32());

        var mixed = await Send(EcsDescribe(host, new() { ["PageNumber"] = "1", ["MaxResults"] = "10" }));
        Assert.Equal((400, "InvalidParameter"), (mixed.Status, mixed.Json.GetProperty("Code").GetString()));
        var noRegion = TestSigners.AliV1(host.BaseUri, new Dictionary<string, string> { ["Action"] = "DescribeInstances" }, AliId, AliKey);
        var missing = await Send(noRegion);
        Assert.Equal((400, "MissingParameter"), (missing.Status, missing.Json.GetProperty("Code").GetString()));
        Assert.Equal("InvalidParameter", (await Send(EcsDescribe(host, new() { ["InstanceIds"] = "i-abc" }))).Json.GetProperty("Code").GetString());
        Assert.Equal("InvalidParameter", (await Send(EcsDescribe(host, new() { ["NextToken"] = "garbage" }))).Json.GetProperty("Code").GetString());
    }

    [Fact]
    public async Task Async_cvm_renewal_is_OPERATING_then_SUCCESS_and_mongo_moves_later()
    {
        await using var host = await Start(s => s.AsyncCompletionMs = 600);
        var renew = await Send(CvmRenew(host, CvmBody(1, Cvm)));
        var requestId = R(renew.Json).GetProperty("RequestId").GetString();
        var mongo = await Send(TestSigners.Tc3(host.BaseUri, "mongodb", "RenewDBInstances", "2019-07-25", Region, CvmBody(1, Mongo), TcId, TcKey));
        Assert.Equal("", ErrorCode(mongo.Json));
        Assert.Equal(970m, host.Account(TcId).Balance); // charged at acceptance
        var during = R((await Send(CvmDescribe(host, new { InstanceIds = new[] { Cvm } }))).Json).GetProperty("InstanceSet")[0];
        Assert.Equal(("RenewInstances", "OPERATING", requestId), (during.GetProperty("LatestOperation").GetString(),
            during.GetProperty("LatestOperationState").GetString(), during.GetProperty("LatestOperationRequestId").GetString()));
        Assert.Equal("2030-01-15T00:00:00Z", during.GetProperty("ExpiredTime").GetString());
        Assert.Equal(0, host.RenewalCount(Cvm));
        Assert.Equal(2, host.PendingRenewals);
        Assert.Equal("OperationDenied.InstanceOperationInProgress", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm)))).Json));
        Assert.Equal("2030-01-15 08:00:00", R((await Send(MongoDescribe(host, new { InstanceIds = new[] { Mongo } }))).Json).GetProperty("InstanceDetails")[0].GetProperty("DeadLine").GetString());

        await Task.Delay(800);
        var after = R((await Send(CvmDescribe(host, new { InstanceIds = new[] { Cvm } }))).Json).GetProperty("InstanceSet")[0];
        Assert.Equal("SUCCESS", after.GetProperty("LatestOperationState").GetString());
        Assert.Equal(requestId, after.GetProperty("LatestOperationRequestId").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("LatestOperationErrorMsg").ValueKind);
        Assert.Equal("2030-02-15T00:00:00Z", after.GetProperty("ExpiredTime").GetString());
        Assert.Equal(1, host.RenewalCount(Cvm));
        Assert.Equal(1, host.RenewalCount(Mongo));
        Assert.Equal(Expiry.AddMonths(1), host.Instance(Mongo)!.Expiry);
        Assert.Equal(0, host.PendingRenewals);
        Assert.Equal(970m, host.Account(TcId).Balance);
    }

    [Fact]
    public async Task Default_synchronous_renewal_records_SUCCESS_with_its_RequestId()
    {
        await using var host = await Start();
        var requestId = R((await Send(CvmRenew(host, CvmBody(1, Cvm)))).Json).GetProperty("RequestId").GetString();
        Assert.Equal(1, host.RenewalCount(Cvm));
        var inst = host.Instance(Cvm)!;
        Assert.Equal(("RenewInstances", "SUCCESS", requestId), (inst.LatestOperation, inst.LatestOperationState, inst.LatestOperationRequestId));
    }

    [Fact]
    public async Task Async_failure_ends_FAILED_refunded_and_uncounted()
    {
        await using var host = await Start(s => { s.AsyncCompletionMs = 200; s.AsyncFailureRate = 1; });
        Assert.Equal("", ErrorCode((await Send(CvmRenew(host, CvmBody(2, Cvm)))).Json));
        Assert.Equal(980m, host.Account(TcId).Balance);
        await Task.Delay(400);
        var inst = R((await Send(CvmDescribe(host, new { InstanceIds = new[] { Cvm } }))).Json).GetProperty("InstanceSet")[0];
        Assert.Equal("FAILED", inst.GetProperty("LatestOperationState").GetString());
        Assert.False(string.IsNullOrEmpty(inst.GetProperty("LatestOperationErrorMsg").GetString()));
        Assert.Equal("2030-01-15T00:00:00Z", inst.GetProperty("ExpiredTime").GetString());
        Assert.Equal(1000m, host.Account(TcId).Balance);
        Assert.Equal(0, host.RenewalCount(Cvm));
        Assert.True(host.Requests.First().Executed); // accepted (and charged) at the time
    }

    [Fact]
    public async Task Async_failure_rate_is_a_seeded_share()
    {
        var outcomes = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            await using var host = await Start(s =>
            {
                s.Seed = 5;
                s.AsyncCompletionMs = 1;
                s.AsyncFailureRate = 0.5;
                s.RateLimits["cvm:RenewInstances"] = 0;
                s.Accounts[0].Balance = 100000;
            });
            var states = new List<string>();
            for (var i = 0; i < 16; i++)
            {
                Assert.Equal("", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm)))).Json));
                await Task.Delay(5);
                states.Add(host.Instance(Cvm)!.LatestOperationState!);
            }
            Assert.Contains("SUCCESS", states);
            Assert.Contains("FAILED", states);
            Assert.Equal(states.Count(st => st == "SUCCESS"), host.RenewalCount(Cvm));
            Assert.Equal(100000m - states.Count(st => st == "SUCCESS") * 10, host.Account(TcId).Balance);
            outcomes.Add(string.Join(',', states));
        }
        Assert.Equal(outcomes[0], outcomes[1]);
    }

    [Fact]
    public async Task Describe_actions_have_their_own_rate_limits()
    {
        Assert.Equal((40, 20, 50), (new Scenario().RateLimitFor("cvm:DescribeInstances"), new Scenario().RateLimitFor("mongodb:DescribeDBInstances"), new Scenario().RateLimitFor("ecs:DescribeInstances")));
        await using var host = await Start(s =>
        {
            s.RateLimits["cvm:DescribeInstances"] = 3;
            s.RateLimits["mongodb:DescribeDBInstances"] = 2;
            s.RateLimits["ecs:DescribeInstances"] = 2;
        });
        var cvm = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Send(CvmDescribe(host, new { }))));
        Assert.Equal(3, cvm.Count(r => ErrorCode(r.Json) == "RequestLimitExceeded"));
        var mongo = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Send(MongoDescribe(host, new { }))));
        Assert.Equal(3, mongo.Count(r => ErrorCode(r.Json) == "RequestLimitExceeded"));
        var ecs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Send(EcsDescribe(host, new()))));
        Assert.Equal(3, ecs.Count(r => r.Json.TryGetProperty("Code", out var c) && c.GetString() == "Throttling.User"));
        // Reads do not use up the renew action's budget.
        Assert.Equal("", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm)))).Json));
    }

    [Fact]
    public async Task Read_faults_apply_only_to_rules_that_name_the_read()
    {
        await using var host = await Start();
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorCode, Code = "InternalError" }); // no Action: renewals only
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorBeforeExecution, Action = "cvm:DescribeInstances" });
        host.Enqueue(new FaultRule { Kind = FaultKind.Throttle, Action = "DescribeDBInstances" });
        host.Enqueue(new FaultRule { Kind = FaultKind.DropAfterExecution, Action = "ecs:DescribeInstances", InstanceId = Ecs });
        Assert.Equal(503, (await Send(CvmDescribe(host, new { }))).Status);
        Assert.Equal("", ErrorCode((await Send(CvmDescribe(host, new { }))).Json));
        Assert.Equal("RequestLimitExceeded", ErrorCode((await Send(MongoDescribe(host, new { }))).Json));
        await Assert.ThrowsAsync<HttpRequestException>(() => Send(EcsDescribe(host, new() { ["InstanceIds"] = $"[\"{Ecs}\"]" })));
        Assert.Equal("InternalError", ErrorCode((await Send(CvmRenew(host, CvmBody(1, Cvm)))).Json));
        Assert.Equal(["ErrorBeforeExecution", "Success", "RequestLimitExceeded", "DropAfterExecution", "InternalError"], host.Requests.Select(r => r.Outcome));
        Assert.All(host.Requests, r => Assert.False(r.Executed));
    }

    [Fact]
    public async Task Random_fault_rates_apply_to_reads()
    {
        await using var host = await Start(s => { s.Faults.ErrorBeforeExecutionRate = 0.5; s.RateLimits["cvm:DescribeInstances"] = 0; });
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Send(CvmDescribe(host, new { }))));
        Assert.InRange(results.Count(r => r.Status == 503), 1, 19);
    }

    [Fact]
    public void Fleet_ids_have_each_service_shape_and_bad_specs_are_refused()
    {
        var s = new Scenario { Seed = 3 };
        s.Fleets.Add(new FleetSpec { Service = "mongodb", Count = 40, IdPrefix = "m" });
        s.Fleets.Add(new FleetSpec { Service = "ecs", Count = 40, IdPrefix = "e" });
        State.FleetGenerator.Expand(s, DateTimeOffset.UtcNow);
        Assert.All(s.Instances.Where(i => i.Service == "mongodb"), i => Assert.Matches("^cmgo-m[a-z0-9]{7}$", i.Id));
        Assert.All(s.Instances.Where(i => i.Service == "ecs"), i => Assert.Matches("^i-bpe[a-z0-9]{17}$", i.Id));
        Assert.Contains(s.Instances, i => i.ChargeType == "PostPaid");
        Assert.Contains(s.Instances, i => i.ChargeType == "POSTPAID_BY_HOUR");
        State.FleetGenerator.Expand(s, DateTimeOffset.UtcNow); // once per scenario
        Assert.Equal(80, s.Instances.Count);
        var dup = new Scenario();
        dup.Fleets.Add(new FleetSpec { Count = 2 });
        dup.Fleets.Add(new FleetSpec { Count = 2 });
        Assert.Throws<ArgumentException>(() => State.FleetGenerator.Expand(dup, DateTimeOffset.UtcNow));
        var bad = new Scenario();
        bad.Fleets.Add(new FleetSpec { IdPrefix = "Bad-" });
        Assert.Throws<ArgumentException>(() => State.FleetGenerator.Expand(bad, DateTimeOffset.UtcNow));
    }
}

/// <summary>CPU-heavy (10,000 instances): runs alone, so it cannot slow the timing-sensitive tests running beside it.</summary>
[CollectionDefinition("Heavy", DisableParallelization = true)]
public class HeavyCollection;

[Collection("Heavy")]
public class FleetScenarioTests
{
    private static JsonElement R(JsonElement json) => json.GetProperty("Response");

    [Fact]
    public async Task Fleet_10k_scenario_is_deterministic_spread_and_readable()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "CloudEmulator", "scenarios", "fleet-10k.json");
        var s = Scenario.Load(path);
        var fleet = Assert.Single(s.Fleets);
        Assert.Equal((10000, "cvm"), (fleet.Count, fleet.Service));
        await using var host = await EmulatorHost.StartAsync(s);
        var cvm = s.Instances.Where(i => i.Service == "cvm" && i.Name?.StartsWith(fleet.IdPrefix + "-", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(10000, cvm.Count);
        Assert.Equal(10000, cvm.Select(i => i.Id).Distinct().Count());
        Assert.All(cvm, i => Assert.Matches("^ins-[a-z0-9]{8}$", i.Id));
        Assert.Equal(fleet.Regions.Order(), cvm.Select(i => i.Region).Distinct().Order());
        var prepaid = cvm.Where(i => i.ChargeType == "PREPAID").ToList();
        Assert.InRange(prepaid.Count / 10000.0, 0.77, 0.83);
        var now = DateTimeOffset.UtcNow;
        var expiring = prepaid.Count(i => i.Expiry > now && i.Expiry <= now.AddDays(fleet.ExpiringWithinDays));
        Assert.InRange(expiring / (double)prepaid.Count, 0.45, 0.55);
        var expired = prepaid.Where(i => i.Expiry <= now).ToList();
        Assert.NotEmpty(expired);
        Assert.All(prepaid.Where(i => i.Expiry > now.AddDays(fleet.ExpiringWithinDays)), i => Assert.InRange(i.Expiry, now.AddDays(59), now.AddDays(401)));

        var again = Scenario.Load(path);
        await using (await EmulatorHost.StartAsync(again)) { }
        Assert.Equal(s.Instances.Select(i => (i.Id, i.Region, i.ChargeType, i.RenewFlag, i.Zone)), again.Instances.Select(i => (i.Id, i.Region, i.ChargeType, i.RenewFlag, i.Zone)));

        var state = JsonDocument.Parse(await Client.GetStringAsync(new Uri(host.BaseUri, "/_emulator/state"))).RootElement;
        Assert.Equal(10000, state.GetProperty("fleets")[0].GetProperty("generated").GetInt32());
        Assert.Equal(s.Instances.Count, state.GetProperty("instances").GetArrayLength());

        var account = s.Accounts.First(a => a.Provider == "tencent");
        var one = expired[0];
        var body = JsonSerializer.Serialize(new { InstanceIds = new[] { one.Id } });
        var json = (await Send(TestSigners.Tc3(host.BaseUri, "cvm", "DescribeInstances", "2017-03-12", one.Region, body, account.Id, account.Secret))).Json;
        var inst = R(json).GetProperty("InstanceSet")[0];
        Assert.Equal(("RUNNING", "EXPIRED"), (inst.GetProperty("InstanceState").GetString(), inst.GetProperty("RestrictState").GetString()));
        var page = JsonSerializer.Serialize(new { Filters = new[] { new { Name = "instance-charge-type", Values = new[] { "PREPAID" } } }, Limit = 100 });
        var region = R((await Send(TestSigners.Tc3(host.BaseUri, "cvm", "DescribeInstances", "2017-03-12", "ap-shanghai", page, account.Id, account.Secret))).Json);
        Assert.Equal(s.Instances.Count(i => i.Region == "ap-shanghai" && i.Service == "cvm" && i.ChargeType == "PREPAID"), region.GetProperty("TotalCount").GetInt32());
        Assert.Equal(100, region.GetProperty("InstanceSet").GetArrayLength());
    }
}
