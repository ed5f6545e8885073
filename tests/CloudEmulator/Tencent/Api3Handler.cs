using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CloudEmulator.State;
using CloudEmulator.Verification;

namespace CloudEmulator.Tencent;

/// <summary>Tencent API 3.0: POST / with TC3 headers and a JSON body (cloud-apis.md §1–§3).</summary>
internal sealed class Api3Handler(EmulatorState state, Renewal renewal)
{
    /// <summary>
    /// Per product (the TC3 scope's service): each action with the one version it is emulated in. The emulator serves every
    /// host on one origin. MongoDB SetAutoRenew exists only in 2018-04-08 (policy-and-evidence.md §2).
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Products = new(StringComparer.Ordinal)
    {
        ["cvm"] = Actions("2017-03-12", "RenewInstances", "DescribeInstances", "InquiryPriceRenewInstances", "ModifyInstancesRenewFlag"),
        ["mongodb"] = new(Actions("2019-07-25", "RenewDBInstances", "DescribeDBInstances", "InquirePriceRenewDBInstances"), StringComparer.Ordinal)
        {
            ["SetAutoRenew"] = "2018-04-08",
        },
        ["billing"] = Actions("2018-07-09", "DescribeAccountBalance", "DescribeDealsByCond"),
    };
    private static readonly string[] Services = [.. Products.Keys];
    private static readonly string[] CvmQuoteKeys = ["InstanceIds", "InstanceChargePrepaid", "RenewPortableDataDisk", "DryRun"];
    private static readonly string[] CvmKeys = ["InstanceIds", "InstanceChargePrepaid", "RenewPortableDataDisk"];
    private static readonly string[] MongoKeys = ["InstanceIds", "InstanceChargePrepaid"];

    public void Handle(Exchange x)
    {
        var wire = Api3Wire.Instance;
        var service = Tc3Verifier.ParseAuthorization(x.Header("authorization"))?.Service;
        x.Product = Services.Contains(service) ? service! : "";
        x.Action = x.Header("x-tc-action") ?? "";
        var json = TryParse(x.Body);
        x.InstanceIds = IdsOf(json);
        try
        {
            var canonicalQuery = x.Method == "GET" ? x.RawQuery : "";
            var v = Tc3Verifier.Verify(x.Method, canonicalQuery, x.Header, x.Body,
                id => state.FindAccount("tencent", id)?.Secret, state.Now, Services);
            if (!v.Ok) throw new RejectionException(v.ErrorCode!, v.Message);
            var account = state.FindAccount("tencent", v.KeyId!)!;
            CheckToken(account, x.Header("x-tc-token"));

            CheckActionAndVersion(x.Product, x.Action, x.Header("x-tc-version"));
            var namedOnly = !x.Action.StartsWith("Renew", StringComparison.Ordinal); // Describe*, Inquir*Price*, policy writes

            if (!renewal.Admit(x, wire, account, x.Product + ":" + x.Action, namedOnly)) return;

            if (x.Method != "POST" || json is null || json.Value.ValueKind != JsonValueKind.Object)
                throw new RejectionException("InvalidParameter", "Expected POST with a JSON object body.");
            var region = x.Header("x-tc-region");
            if (x.Product == "cvm" && string.IsNullOrEmpty(region))
                throw new RejectionException("MissingParameter", "The request is missing a required parameter `Region` (X-TC-Region).");
            var body = json.Value;
            // The RequestId a renewal answers with is also its LatestOperationRequestId (cloud-read-apis.md B1).
            var requestId = Api3Wire.NewRequestId();
            switch (x.Action)
            {
                case "DescribeInstances":
                    renewal.Read(x, wire, e => TencentReads.Cvm(state, e, body, region!));
                    break;
                case "DescribeDBInstances":
                    // Whether MongoDB needs X-TC-Region is UNCONFIRMED (§3): optional here, but honoured when present.
                    renewal.Read(x, wire, e => TencentReads.Mongo(state, e, body, region));
                    break;
                case "InquiryPriceRenewInstances":
                    var cvmQuote = ParseRequest(body, CvmQuoteKeys);
                    if (body.TryGetProperty("DryRun", out var dry) && dry.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                        throw new RejectionException("InvalidParameter", "DryRun must be a boolean.");
                    renewal.Read(x, wire, e => TencentReads.CvmQuote(state, e,
                        TencentRules.Cvm(state, account, cvmQuote, region!, TencentRules.CvmPeriods3, quote: true)));
                    break;
                case "InquirePriceRenewDBInstances":
                    var mongoQuote = ParseRequest(body, MongoKeys);
                    // UNCONFIRMED: the code for more than 5 ids.
                    if (mongoQuote.InstanceIds.Count > 5) throw new RejectionException("InvalidParameter", $"At most 5 InstanceIds per price inquiry; got {mongoQuote.InstanceIds.Count}.");
                    renewal.Read(x, wire, e => TencentReads.MongoQuote(e, TencentRules.Mongo(state, account, mongoQuote, region, quote: true)));
                    break;
                case "DescribeAccountBalance":
                    renewal.Read(x, wire, e => TencentReads.Balance(e, account, body));
                    break;
                case "DescribeDealsByCond":
                    renewal.Read(x, wire, e => TencentBilling.DealsByCond(state, e, account, body));
                    break;
                case "ModifyInstancesRenewFlag":
                    var flagChange = TencentPolicies.ParseCvm(body);
                    renewal.Write(x, wire, () => TencentPolicies.ApplyCvm(state, flagChange, region!, requestId), e => Api3Wire.Success(e, requestId));
                    break;
                case "SetAutoRenew":
                    var autoRenew = TencentPolicies.ParseMongo(body);
                    renewal.Write(x, wire, () => TencentPolicies.ApplyMongo(state, autoRenew, region), e => Api3Wire.Success(e, requestId));
                    break;
                case "RenewInstances":
                    var cvm = ParseRequest(body, CvmKeys);
                    renewal.Execute(x, wire, account, () => TencentRules.Cvm(state, account, cvm, region!, TencentRules.CvmPeriods3),
                        e => Api3Wire.Success(e, requestId), mayDefer: true, operationRequestId: requestId);
                    break;
                default:
                    var mongo = ParseRequest(body, MongoKeys);
                    renewal.Execute(x, wire, account, () => TencentRules.Mongo(state, account, mongo, region),
                        e => Api3Wire.Success(e, requestId), mayDefer: true);
                    break;
            }
        }
        catch (RejectionException r)
        {
            wire.Error(x, r.Code, r.Message, r.Status);
        }
    }

    private static Dictionary<string, string> Actions(string version, params string[] actions) =>
        actions.ToDictionary(a => a, _ => version, StringComparer.Ordinal);

    /// <summary>
    /// An unknown action is InvalidAction; so is a known one asked in another version the product has (MongoDB SetAutoRenew
    /// in 2019-07-25 does not exist there); a version the product does not have at all is NoSuchVersion.
    /// </summary>
    private static void CheckActionAndVersion(string product, string action, string? version)
    {
        var actions = Products[product];
        if (!actions.TryGetValue(action, out var expected))
            throw new RejectionException("InvalidAction", $"The action `{action}` is not supported by {product} on this endpoint.");
        if (version == expected) return;
        if (version is not null && actions.ContainsValue(version))
            throw new RejectionException("InvalidAction", $"The action `{action}` does not exist in version {version} of {product}; it exists in {expected}.");
        throw new RejectionException("NoSuchVersion", $"The version `{version}` of {action} does not exist; use {expected}.");
    }

    /// <summary>A token-bearing (STS) account must send it; a long-term key must not send a non-empty one.</summary>
    private static void CheckToken(EmulatedAccount account, string? token)
    {
        if (account.Token is not null ? token != account.Token : !string.IsNullOrEmpty(token))
            throw new RejectionException("AuthFailure.TokenFailure", "The X-TC-Token is missing, invalid or does not belong to this SecretId.");
    }

    private static JsonElement? TryParse(byte[] body)
    {
        if (body.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }
        catch (JsonException) { return null; }
    }

    private static IReadOnlyList<string> IdsOf(JsonElement? json) =>
        json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("InstanceIds", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString()).ToList()
            : Array.Empty<string>();

    /// <summary>UnknownParameter for a body field outside <paramref name="allowed"/>.</summary>
    internal static void RejectUnknown(JsonElement body, string[] allowed)
    {
        foreach (var p in body.EnumerateObject())
            if (!allowed.Contains(p.Name)) throw new RejectionException("UnknownParameter", $"The parameter `{p.Name}` is not recognized.");
    }

    /// <summary>The body's InstanceIds array of strings (empty when absent); InvalidParameter when it is anything else.</summary>
    internal static List<string> InstanceIdsOf(JsonElement body)
    {
        var ids = new List<string>();
        if (body.TryGetProperty("InstanceIds", out var arr))
        {
            if (arr.ValueKind != JsonValueKind.Array) throw new RejectionException("InvalidParameter", "InstanceIds must be an array of strings.");
            foreach (var e in arr.EnumerateArray())
                ids.Add(e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new RejectionException("InvalidParameter", "InstanceIds must be an array of strings."));
        }
        return ids;
    }

    private static TencentRenewRequest ParseRequest(JsonElement body, string[] allowed)
    {
        RejectUnknown(body, allowed);
        var ids = InstanceIdsOf(body);
        if (body.TryGetProperty("RenewPortableDataDisk", out var disk) && disk.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw new RejectionException("InvalidParameter", "RenewPortableDataDisk must be a boolean.");
        int? period = null;
        string? flag = null;
        if (body.TryGetProperty("InstanceChargePrepaid", out var charge))
        {
            if (charge.ValueKind != JsonValueKind.Object) throw new RejectionException("InvalidParameter", "InstanceChargePrepaid must be an object.");
            foreach (var p in charge.EnumerateObject())
                if (p.Name is not ("Period" or "RenewFlag")) throw new RejectionException("UnknownParameter", $"The parameter `InstanceChargePrepaid.{p.Name}` is not recognized.");
            if (charge.TryGetProperty("Period", out var pe))
                period = pe.ValueKind == JsonValueKind.Number && pe.TryGetInt32(out var n) ? n : throw new RejectionException("InvalidParameter", "InstanceChargePrepaid.Period must be an integer.");
            if (charge.TryGetProperty("RenewFlag", out var rf))
                flag = rf.ValueKind == JsonValueKind.String ? rf.GetString() : throw new RejectionException("InvalidParameter", "InstanceChargePrepaid.RenewFlag must be a string.");
        }
        return new TencentRenewRequest(ids, period, flag);
    }
}
