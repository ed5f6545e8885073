using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace CloudEmulator.Tests;

internal static class Harness
{
    public const string TcId = "AKIDtestTencent0001";
    public const string TcKey = "tencent-secret-key-0001";
    public const string AliId = "LTAItestAlibaba0001";
    public const string AliKey = "alibaba-secret-0001";
    public const string Region = "ap-guangzhou";
    public const string Cvm = "ins-abcd0001";
    public const string CvmPostpaid = "ins-abcd0002";
    public const string Mongo = "cmgo-abcd0001";
    public const string LegacyCvm = "qcvm8e7bf56c115c53ce2d2a1ac2ea6e657a";
    public const string Ecs = "i-bp67acfmxazb4ph00001";
    public const string EcsPostpaid = "i-bp67acfmxazb4ph00002";
    public static readonly DateTimeOffset Expiry = new(2030, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public static Scenario NewScenario()
    {
        var s = new Scenario();
        s.Accounts.Add(new EmulatedAccount { Provider = "tencent", Id = TcId, Secret = TcKey, Balance = 1000 });
        s.Accounts.Add(new EmulatedAccount { Provider = "alibaba", Id = AliId, Secret = AliKey, Balance = 1000 });
        s.Instances.Add(new EmulatedInstance { Id = Cvm, Service = "cvm", Region = Region, ChargeType = "PREPAID", Expiry = Expiry, MonthlyPrice = 10 });
        s.Instances.Add(new EmulatedInstance { Id = CvmPostpaid, Service = "cvm", Region = Region, ChargeType = "POSTPAID_BY_HOUR", Expiry = Expiry, MonthlyPrice = 10 });
        s.Instances.Add(new EmulatedInstance { Id = Mongo, Service = "mongodb", Region = Region, ChargeType = "PREPAID", Expiry = Expiry, MonthlyPrice = 20 });
        s.Instances.Add(new EmulatedInstance { Id = LegacyCvm, Service = "cvm", Region = Region, ChargeType = "PREPAID", Expiry = Expiry, MonthlyPrice = 10 });
        s.Instances.Add(new EmulatedInstance { Id = Ecs, Service = "ecs", Region = "cn-hangzhou", ChargeType = "PrePaid", State = "Running", Expiry = Expiry, MonthlyPrice = 30 });
        s.Instances.Add(new EmulatedInstance { Id = EcsPostpaid, Service = "ecs", Region = "cn-hangzhou", ChargeType = "PostPaid", State = "Running", Expiry = Expiry, MonthlyPrice = 30 });
        return s;
    }

    public static Task<EmulatorHost> Start(Action<Scenario>? configure = null)
    {
        var s = NewScenario();
        configure?.Invoke(s);
        return EmulatorHost.StartAsync(s);
    }

    public static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(20) };

    public static async Task<(int Status, JsonElement Json, string Text)> Send(HttpRequestMessage message)
    {
        using (message)
        using (var response = await Client.SendAsync(message))
        {
            var text = await response.Content.ReadAsStringAsync();
            JsonElement json = default;
            if (text.StartsWith('{')) json = JsonDocument.Parse(text).RootElement.Clone();
            return ((int)response.StatusCode, json, text);
        }
    }

    public static string ErrorCode(JsonElement json) =>
        json.TryGetProperty("Response", out var r) && r.TryGetProperty("Error", out var e) ? e.GetProperty("Code").GetString()! : "";

    public static HttpRequestMessage CvmRenew(EmulatorHost host, string body, string? region = Region, string? key = null, string id = TcId, long? ts = null, string? token = null) =>
        TestSigners.Tc3(host.BaseUri, "cvm", "RenewInstances", "2017-03-12", region, body, id, key ?? TcKey, ts, token);

    public static string CvmBody(int period, params string[] ids) =>
        JsonSerializer.Serialize(new { InstanceIds = ids, InstanceChargePrepaid = new { Period = period, RenewFlag = "NOTIFY_AND_MANUAL_RENEW" } });

    public static Dictionary<string, string> EcsParams(string instanceId, int period = 1, string? clientToken = null)
    {
        var p = new Dictionary<string, string> { ["InstanceId"] = instanceId, ["Period"] = period.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PeriodUnit"] = "Month", ["Format"] = "JSON" };
        if (clientToken is not null) p["ClientToken"] = clientToken;
        return p;
    }
}
