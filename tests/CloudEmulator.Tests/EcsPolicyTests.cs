using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static CloudEmulator.Tests.Harness;

namespace CloudEmulator.Tests;

/// <summary>Issue 17: ECS ModifyInstanceAutoRenewAttribute and DescribeInstanceAutoRenewAttribute (2014-05-26).</summary>
public class EcsPolicyTests
{
    private const string Hangzhou = "cn-hangzhou";

    private static HttpRequestMessage Ecs(EmulatorHost host, string action, Dictionary<string, string> p, bool acs3 = false)
    {
        p.TryAdd("RegionId", Hangzhou);
        if (acs3) return TestSigners.Acs3(host.BaseUri, p, AliId, AliKey, action: action);
        p["Action"] = action;
        return TestSigners.AliV1(host.BaseUri, p, AliId, AliKey);
    }

    private static HttpRequestMessage Modify(EmulatorHost host, Dictionary<string, string> p, bool acs3 = false) =>
        Ecs(host, "ModifyInstanceAutoRenewAttribute", p, acs3);

    private static HttpRequestMessage Describe(EmulatorHost host, Dictionary<string, string> p) =>
        Ecs(host, "DescribeInstanceAutoRenewAttribute", p);

    private static string Code(JsonElement j) => j.TryGetProperty("Code", out var c) ? c.GetString()! : "";

    private static List<JsonElement> Attributes(JsonElement json) =>
        json.GetProperty("InstanceRenewAttributes").GetProperty("InstanceRenewAttribute").EnumerateArray().ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Modify_sets_the_policy_and_describe_reads_it_back(bool acs3)
    {
        await using var host = await Start();
        var (status, json, text) = await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["AutoRenew"] = "true", ["Duration"] = "3", ["PeriodUnit"] = "Month" }, acs3));
        Assert.True(status == 200, text);
        Assert.Equal(["RequestId"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new RenewalPolicy(AutoRenewMode.Auto, 3, "Month"), host.PolicyOf(Harness.Ecs));

        var read = (await Send(Describe(host, new() { ["InstanceId"] = Harness.Ecs }))).Json;
        Assert.Equal(["RequestId", "TotalCount", "PageNumber", "PageSize", "InstanceRenewAttributes"], read.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 1, 10), (read.GetProperty("TotalCount").GetInt32(), read.GetProperty("PageNumber").GetInt32(), read.GetProperty("PageSize").GetInt32()));
        var a = Assert.Single(Attributes(read));
        Assert.Equal((Harness.Ecs, true, 3, "Month", "AutoRenewal"),
            (a.GetProperty("InstanceId").GetString(), a.GetProperty("AutoRenewEnabled").GetBoolean(), a.GetProperty("Duration").GetInt32(),
             a.GetProperty("PeriodUnit").GetString(), a.GetProperty("RenewalStatus").GetString()));

        var write = host.Requests.First();
        Assert.Equal(("ecs", "ModifyInstanceAutoRenewAttribute", true, "Success"), (write.Product, write.Action, write.Executed, write.Outcome));
        Assert.Equal([Harness.Ecs], write.InstanceIds);
        Assert.False(host.Requests.Last().Executed);
        Assert.Equal((1000m, 0), (host.Account(AliId).Balance, host.RenewalCount(Harness.Ecs)));
    }

    [Fact]
    public async Task RenewalStatus_wins_over_AutoRenew_and_an_omitted_Duration_keeps_the_last_one()
    {
        await using var host = await Start();
        Assert.Equal(200, (await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["AutoRenew"] = "true", ["Duration"] = "2", ["PeriodUnit"] = "Year" }))).Status);
        Assert.Equal(200, (await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["AutoRenew"] = "true", ["RenewalStatus"] = "NotRenewal" }))).Status);
        Assert.Equal(new RenewalPolicy(AutoRenewMode.NotRenewed, 2, "Year"), host.PolicyOf(Harness.Ecs));
        Assert.Equal(200, (await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["AutoRenew"] = "false" }))).Status);
        Assert.Equal(AutoRenewMode.Manual, host.PolicyOf(Harness.Ecs)!.Mode);
    }

    [Theory]
    [InlineData("InstanceId", "", 400, "MissingParameter.InstanceId")]
    [InlineData("Duration", "4", 400, "InvalidParameter.Duration")]
    [InlineData("PeriodUnit", "Week", 400, "InvalidPeriodUnit.ValueNotSupported")]
    [InlineData("RenewalStatus", "Auto", 400, "InvalidParameter.RenewalStatus")]
    [InlineData("InstanceId", "i-bpunknown000000000001", 400, "InvalidParameter.InvalidInstanceId")]
    [InlineData("InstanceId", "i-bp67acfmxazb4ph00001,i-bp67acfmxazb4ph00002", 403, "ChargeTypeViolation")]
    public async Task Modify_errors_change_nothing(string name, string value, int status, string code)
    {
        await using var host = await Start();
        var p = new Dictionary<string, string> { ["InstanceId"] = Harness.Ecs, ["AutoRenew"] = "true", ["Duration"] = "1", ["PeriodUnit"] = "Month" };
        p[name] = value;
        var answer = await Send(Modify(host, p));
        Assert.Equal((status, code), (answer.Status, Code(answer.Json)));
        Assert.Equal(new RenewalPolicy(AutoRenewMode.Manual, 1, "Month"), host.PolicyOf(Harness.Ecs));
        Assert.False(host.Requests.Single().Executed);
    }

    [Fact]
    public async Task Modify_checks_Duration_per_unit_and_at_most_100_ids()
    {
        await using var host = await Start();
        Assert.Equal("InvalidParameter.Duration", Code((await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["AutoRenew"] = "true", ["Duration"] = "6", ["PeriodUnit"] = "Year" }))).Json));
        Assert.Equal(200, (await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["AutoRenew"] = "true", ["Duration"] = "60", ["PeriodUnit"] = "Month" }))).Status);
        var many = string.Join(',', Enumerable.Range(0, 101).Select(i => $"i-bp{i:d18}"));
        host.Instance(EcsPostpaid)!.ChargeType = "PrePaid";
        host.Instance(EcsPostpaid)!.State = "Starting";
        var starting = await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs + "," + EcsPostpaid, ["AutoRenew"] = "false" }));
        Assert.Equal((403, "IncorrectInstanceStatus"), (starting.Status, Code(starting.Json)));
        Assert.Equal(AutoRenewMode.Auto, host.PolicyOf(Harness.Ecs)!.Mode);
        Assert.Equal("InvalidParameter.ToManyInstanceIds", Code((await Send(Modify(host, new() { ["InstanceId"] = many, ["AutoRenew"] = "true" }))).Json));
    }

    [Fact]
    public async Task Modify_takes_named_and_random_faults()
    {
        await using var host = await Start();
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorAfterExecution, Action = "ModifyInstanceAutoRenewAttribute" });
        var failed = await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["RenewalStatus"] = "AutoRenewal" }));
        Assert.Equal((500, "InternalError"), (failed.Status, Code(failed.Json)));
        Assert.Equal(("ErrorAfterExecution", true), (host.Requests.Single().Outcome, host.Requests.Single().Executed));
        Assert.Equal(AutoRenewMode.Auto, host.PolicyOf(Harness.Ecs)!.Mode);

        host.Scenario.Faults.ErrorBeforeExecutionRate = 1;
        var refused = await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["RenewalStatus"] = "Normal" }));
        Assert.Equal((503, "ServiceUnavailable"), (refused.Status, Code(refused.Json)));
        Assert.Equal(AutoRenewMode.Auto, host.PolicyOf(Harness.Ecs)!.Mode);
    }

    [Fact]
    public async Task Describe_pages_filters_and_shows_postpaid_as_Normal()
    {
        await using var host = await Start(s =>
        {
            for (var n = 1; n <= 25; n++)
                s.Instances.Add(new EmulatedInstance
                {
                    Id = $"i-bppolicy{n:d12}", Service = "ecs", Region = Hangzhou, ChargeType = "PrePaid", State = "Running", Expiry = Expiry,
                    RenewFlag = n % 2 == 0 ? "NOTIFY_AND_AUTO_RENEW" : null,
                });
        });
        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var json = (await Send(Describe(host, new() { ["RenewalStatus"] = "AutoRenewal", ["PageSize"] = "5", ["PageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }))).Json;
            Assert.Equal((12, page, 5), (json.GetProperty("TotalCount").GetInt32(), json.GetProperty("PageNumber").GetInt32(), json.GetProperty("PageSize").GetInt32()));
            pages.AddRange(Attributes(json).Select(a => a.GetProperty("InstanceId").GetString()!));
        }
        Assert.Equal(Enumerable.Range(1, 25).Where(n => n % 2 == 0).Select(n => $"i-bppolicy{n:d12}"), pages);

        var last = (await Send(Describe(host, new() { ["RenewalStatus"] = "AutoRenewal", ["PageSize"] = "10", ["PageNumber"] = "2" }))).Json;
        Assert.Equal(2, Attributes(last).Count);

        var both = (await Send(Describe(host, new() { ["InstanceId"] = Harness.Ecs + "," + EcsPostpaid + ",i-bpunknown000000000001" }))).Json;
        var shown = Attributes(both).ToDictionary(a => a.GetProperty("InstanceId").GetString()!, a => (a.GetProperty("RenewalStatus").GetString(), a.GetProperty("AutoRenewEnabled").GetBoolean()));
        Assert.Equal(("Normal", false), shown[EcsPostpaid]);
        Assert.Equal(2, shown.Count);
    }

    [Theory]
    [InlineData("PageSize", "0", "InvalidParameter.PageSize")]
    [InlineData("PageSize", "101", "InvalidParameter.PageSize")]
    [InlineData("PageNumber", "0", "InvalidParameter.PageNumber")]
    [InlineData("RenewalStatus", "ManualRenewal", "InvalidParameter.RenewalStatus")]
    [InlineData("InstanceId", "", "InvalidParameter.RenewalStatusInstanceId")]
    public async Task Describe_refuses_bad_paging_and_filters(string name, string value, string code)
    {
        await using var host = await Start();
        var p = new Dictionary<string, string> { ["InstanceId"] = Harness.Ecs };
        p[name] = value;
        if (value == "") p.Remove(name);
        var answer = await Send(Describe(host, p));
        Assert.Equal((400, code), (answer.Status, Code(answer.Json)));
    }

    [Fact]
    public async Task DescribeInstances_does_not_show_the_auto_renew_attribute()
    {
        await using var host = await Start(s => s.Instances.Single(i => i.Id == Harness.Ecs).RenewFlag = "NOTIFY_AND_AUTO_RENEW");
        var (status, _, text) = await Send(Ecs(host, "DescribeInstances", new() { ["InstanceIds"] = JsonSerializer.Serialize(new[] { Harness.Ecs }) }));
        Assert.Equal(200, status);
        Assert.Contains(Harness.Ecs, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AutoRenew", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("RenewalStatus", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_endpoint_shows_the_policy()
    {
        await using var host = await Start();
        Assert.Equal(200, (await Send(Modify(host, new() { ["InstanceId"] = Harness.Ecs, ["RenewalStatus"] = "AutoRenewal", ["Duration"] = "12" }))).Status);
        var state = JsonDocument.Parse(await Client.GetStringAsync(new Uri(host.BaseUri, "/_emulator/state"))).RootElement;
        Assert.Equal(0, state.GetProperty("pendingPolicyChanges").GetInt32());
        var policy = state.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == Harness.Ecs).GetProperty("policy");
        Assert.Equal(("Auto", 12, "Month"), (policy.GetProperty("mode").GetString(), policy.GetProperty("duration").GetInt32(), policy.GetProperty("periodUnit").GetString()));
    }

    [Fact]
    public async Task Describe_is_a_rate_limited_read()
    {
        await using var host = await Start(s => s.RateLimits["ecs:DescribeInstanceAutoRenewAttribute"] = 1);
        Assert.Equal(200, (await Send(Describe(host, new() { ["InstanceId"] = Harness.Ecs }))).Status);
        Assert.Equal("Throttling.User", Code((await Send(Describe(host, new() { ["InstanceId"] = Harness.Ecs }))).Json));
    }
}
