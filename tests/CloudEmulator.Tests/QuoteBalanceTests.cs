using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static CloudEmulator.Tests.Harness;

namespace CloudEmulator.Tests;

/// <summary>Quotes and balance (issue 11): the price quoted equals what the renewal then charges.</summary>
public class QuoteBalanceTests
{
    private static HttpRequestMessage Tc(EmulatorHost host, string service, string action, string version, string body, string? region = Region) =>
        TestSigners.Tc3(host.BaseUri, service, action, version, region, body, TcId, TcKey);

    private static HttpRequestMessage CvmQuote(EmulatorHost host, string body) => Tc(host, "cvm", "InquiryPriceRenewInstances", "2017-03-12", body);
    private static HttpRequestMessage MongoQuote(EmulatorHost host, string body) => Tc(host, "mongodb", "InquirePriceRenewDBInstances", "2019-07-25", body);
    private static JsonElement R(JsonElement json) => json.GetProperty("Response");

    private static HttpRequestMessage Ali(EmulatorHost host, string action, Dictionary<string, string> p, bool acs3 = false, string version = "2014-05-26")
    {
        p["Format"] = "JSON";
        if (acs3) return TestSigners.Acs3(host.BaseUri, p, AliId, AliKey, action: action);
        p["Action"] = action;
        p["Version"] = version;
        return TestSigners.AliV1(host.BaseUri, p, AliId, AliKey);
    }

    [Fact]
    public async Task Cvm_quote_is_the_charge_summed_over_ids()
    {
        await using var host = await Start(s => s.Instances.Add(new EmulatedInstance { Id = "ins-abcd0003", Service = "cvm", Region = Region, Expiry = Expiry, MonthlyPrice = 12.5m }));
        var body = CvmBody(3, Cvm, "ins-abcd0003");
        var price = R((await Send(CvmQuote(host, body))).Json).GetProperty("Price").GetProperty("InstancePrice");
        Assert.Equal(67.5m, price.GetProperty("DiscountPrice").GetDecimal());
        Assert.Equal(67.5m, price.GetProperty("OriginalPrice").GetDecimal());
        Assert.Equal(100m, price.GetProperty("Discount").GetDecimal());
        Assert.Equal(1000m, host.Account(TcId).Balance);
        Assert.Equal(0, host.RenewalCount(Cvm));
        Assert.Equal("", ErrorCode((await Send(CvmRenew(host, body))).Json));
        Assert.Equal(1000m - 67.5m, host.Account(TcId).Balance);
        var rec = host.Requests[0];
        Assert.Equal(("cvm", "InquiryPriceRenewInstances", "Success", false), (rec.Product, rec.Action, rec.Outcome, rec.Executed));
        Assert.Equal([Cvm, "ins-abcd0003"], rec.InstanceIds);
    }

    [Fact]
    public async Task Cvm_quote_needs_no_balance_but_refuses_what_the_renewal_refuses()
    {
        await using var host = await Start(s => s.Accounts[0].Balance = 0);
        Assert.Equal(600m, R((await Send(CvmQuote(host, CvmBody(60, Cvm)))).Json).GetProperty("Price").GetProperty("InstancePrice").GetProperty("DiscountPrice").GetDecimal());
        Assert.Equal("UnsupportedOperation.InstanceChargeType", ErrorCode((await Send(CvmQuote(host, CvmBody(1, CvmPostpaid)))).Json));
        Assert.Equal("InvalidPeriod", ErrorCode((await Send(CvmQuote(host, CvmBody(13, Cvm)))).Json));
        Assert.Equal("MissingParameter", ErrorCode((await Send(CvmQuote(host, "{\"InstanceIds\":[\"ins-abcd0001\"]}"))).Json));
        Assert.Equal("", ErrorCode((await Send(CvmQuote(host, "{\"InstanceIds\":[\"ins-abcd0001\"],\"DryRun\":false,\"InstanceChargePrepaid\":{\"Period\":1}}"))).Json));
    }

    [Fact]
    public async Task Cvm_quote_switches_strings_and_empty_InstancePrice()
    {
        await using var host = await Start(s => s.CvmQuotePricesAsStrings = true);
        var price = R((await Send(CvmQuote(host, CvmBody(12, Cvm)))).Json).GetProperty("Price").GetProperty("InstancePrice");
        Assert.Equal(("120.00", "120.00", "100.00"), (price.GetProperty("OriginalPrice").GetString(), price.GetProperty("DiscountPrice").GetString(), price.GetProperty("Discount").GetString()));
        host.Scenario.CvmQuoteEmptyInstancePrice = true;
        var empty = R((await Send(CvmQuote(host, CvmBody(12, Cvm)))).Json).GetProperty("Price").GetProperty("InstancePrice");
        Assert.Equal(JsonValueKind.Object, empty.ValueKind);
        Assert.Empty(empty.EnumerateObject());
    }

    [Fact]
    public async Task Quote_rate_limits_and_faults()
    {
        await using var host = await Start(s => s.RateLimits["cvm:InquiryPriceRenewInstances"] = 2);
        Assert.Equal(10, new Scenario().RateLimitFor("cvm:InquiryPriceRenewInstances"));
        Assert.Equal(20, new Scenario().RateLimitFor("mongodb:InquirePriceRenewDBInstances"));
        Assert.Equal(20, new Scenario().RateLimitFor("billing:DescribeAccountBalance"));
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Send(CvmQuote(host, CvmBody(1, Cvm)))));
        Assert.Equal(2, results.Count(r => ErrorCode(r.Json) == "RequestLimitExceeded"));
        host.Enqueue(new FaultRule { Kind = FaultKind.ErrorCode, Code = "InternalError", Action = "InquirePriceRenewDBInstances" });
        Assert.Equal("InternalError", ErrorCode((await Send(MongoQuote(host, CvmBody(1, Mongo)))).Json));
    }

    [Fact]
    public async Task Mongo_quote_has_UnitPrice_OriginalPrice_DiscountPrice_and_at_most_5_ids()
    {
        await using var host = await Start();
        var price = R((await Send(MongoQuote(host, CvmBody(2, Mongo)))).Json).GetProperty("Price");
        Assert.Equal((20m, 40m, 40m), (price.GetProperty("UnitPrice").GetDecimal(), price.GetProperty("OriginalPrice").GetDecimal(), price.GetProperty("DiscountPrice").GetDecimal()));
        Assert.Equal("", ErrorCode((await Send(TestSigners.Tc3(host.BaseUri, "mongodb", "RenewDBInstances", "2019-07-25", Region, CvmBody(2, Mongo), TcId, TcKey))).Json));
        Assert.Equal(960m, host.Account(TcId).Balance);
        var six = CvmBody(1, Enumerable.Range(1, 6).Select(i => $"cmgo-abcd000{i}").ToArray());
        Assert.Equal("InvalidParameter", ErrorCode((await Send(MongoQuote(host, six))).Json));
        Assert.Equal("InvalidParameterValue.NotFoundInstance", ErrorCode((await Send(MongoQuote(host, CvmBody(1, "cmgo-zzzz9999")))).Json));
    }

    [Fact]
    public async Task Tencent_DescribeAccountBalance_answers_in_fen()
    {
        await using var host = await Start(s => s.Accounts[0].Balance = -61884.26m);
        var (status, json, _) = await Send(Tc(host, "billing", "DescribeAccountBalance", "2018-07-09", "{}", region: null));
        Assert.Equal(200, status);
        var r = R(json);
        Assert.Equal(-6188426, r.GetProperty("Balance").GetInt64());
        Assert.Equal(-6188426.0, r.GetProperty("RealBalance").GetDouble());
        Assert.Equal(6188426.0, r.GetProperty("OweAmount").GetDouble());
        Assert.Equal(100000000001, r.GetProperty("Uin").GetInt64());
        Assert.False(r.GetProperty("IsAllowArrears").GetBoolean());
        foreach (var f in new[] { "CashAccountBalance", "IncomeIntoAccountBalance", "PresentAccountBalance", "FreezeAmount", "CreditAmount", "CreditBalance", "RealCreditBalance", "IsCreditLimited", "RequestId" })
            Assert.True(r.TryGetProperty(f, out _), f);
        Assert.Equal(("billing", "DescribeAccountBalance"), (host.Requests[0].Product, host.Requests[0].Action));
        Assert.Equal("NoSuchVersion", ErrorCode((await Send(Tc(host, "billing", "DescribeAccountBalance", "2017-03-12", "{}"))).Json));
        Assert.Equal("InvalidAction", ErrorCode((await Send(Tc(host, "billing", "RenewInstances", "2018-07-09", "{}"))).Json));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ecs_DescribeRenewalPrice_equals_the_RenewInstance_charge(bool acs3)
    {
        await using var host = await Start();
        var (status, json, text) = await Send(Ali(host, "DescribeRenewalPrice", new() { ["RegionId"] = "cn-hangzhou", ["ResourceId"] = Ecs, ["Period"] = "3", ["PriceUnit"] = "Month" }, acs3));
        Assert.True(status == 200, text);
        var price = json.GetProperty("PriceInfo").GetProperty("Price");
        Assert.Equal((90m, 0m, 90m, "CNY"), (price.GetProperty("OriginalPrice").GetDecimal(), price.GetProperty("DiscountPrice").GetDecimal(),
            price.GetProperty("TradePrice").GetDecimal(), price.GetProperty("Currency").GetString()));
        Assert.Equal(1000m, host.Account(AliId).Balance);
        Assert.Equal(200, (await Send(TestSigners.AliV1(host.BaseUri, EcsParams(Ecs, 3), AliId, AliKey))).Status);
        Assert.Equal(910m, host.Account(AliId).Balance);
        var rec = host.Requests[0];
        Assert.Equal(("ecs", "DescribeRenewalPrice", false), (rec.Product, rec.Action, rec.Executed));
        Assert.Equal([Ecs], rec.InstanceIds);
    }

    [Fact]
    public async Task Ecs_DescribeRenewalPrice_defaults_years_and_refusals()
    {
        await using var host = await Start(s => s.EcsSite = "international");
        async Task<JsonElement> Quote(Dictionary<string, string> p) => (await Send(Ali(host, "DescribeRenewalPrice", p))).Json;
        var one = (await Quote(new() { ["RegionId"] = "cn-hangzhou", ["ResourceId"] = Ecs })).GetProperty("PriceInfo").GetProperty("Price");
        Assert.Equal((30m, "USD"), (one.GetProperty("TradePrice").GetDecimal(), one.GetProperty("Currency").GetString()));
        var year = (await Quote(new() { ["RegionId"] = "cn-hangzhou", ["ResourceId"] = Ecs, ["Period"] = "1", ["PriceUnit"] = "Year" })).GetProperty("PriceInfo").GetProperty("Price");
        Assert.Equal(360m, year.GetProperty("TradePrice").GetDecimal());
        Assert.Equal("InvalidParameter", (await Quote(new() { ["RegionId"] = "cn-hangzhou", ["ResourceId"] = Ecs, ["Period"] = "1", ["ExpectedRenewDay"] = "5" })).GetProperty("Code").GetString());
        Assert.Equal("MissingParameter", (await Quote(new() { ["RegionId"] = "cn-hangzhou" })).GetProperty("Code").GetString());
        Assert.Equal("ChargeTypeViolation", (await Quote(new() { ["RegionId"] = "cn-hangzhou", ["ResourceId"] = EcsPostpaid })).GetProperty("Code").GetString());
        Assert.Equal("InvalidParameter", (await Quote(new() { ["RegionId"] = "cn-hangzhou", ["ResourceId"] = Ecs, ["PriceUnit"] = "Week" })).GetProperty("Code").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bss_QueryAccountBalance_decimal_strings_and_NotAuthorized(bool acs3)
    {
        await using var host = await Start(s => s.Accounts[1].Balance = -11.19m);
        var (status, json, text) = await Send(acs3
            ? TestSigners.Acs3(host.BaseUri, new Dictionary<string, string>(), AliId, AliKey, action: "QueryAccountBalance", version: "2017-12-14")
            : Ali(host, "QueryAccountBalance", new(), version: "2017-12-14"));
        Assert.True(status == 200, text);
        Assert.Equal(("200", true), (json.GetProperty("Code").GetString(), json.GetProperty("Success").GetBoolean()));
        var data = json.GetProperty("Data");
        Assert.Equal(("-11.19", "CNY"), (data.GetProperty("AvailableAmount").GetString(), data.GetProperty("Currency").GetString()));
        Assert.Equal(("bss", "QueryAccountBalance"), (host.Requests[0].Product, host.Requests[0].Action));
        host.Account(AliId).BssNotAuthorized = true;
        var refused = await Send(Ali(host, "QueryAccountBalance", new(), version: "2017-12-14"));
        Assert.Equal((400, "NotAuthorized"), (refused.Status, refused.Json.GetProperty("Code").GetString()));
        var wrongVersion = await Send(Ali(host, "QueryAccountBalance", new()));
        Assert.Equal("InvalidVersion", wrongVersion.Json.GetProperty("Code").GetString());
    }
}
