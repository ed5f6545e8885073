using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using CloudEmulator.State;

namespace CloudEmulator.Tencent;

/// <summary>
/// CVM DescribeInstances 2017-03-12 and MongoDB DescribeDBInstances 2019-07-25 (cloud-read-apis.md A1, A2, B1;
/// cloud-apis.md §2.2, §3.2). Caller holds the state lock; each method writes the answer.
/// </summary>
internal static class TencentReads
{
    private static readonly string[] CvmKeys = ["InstanceIds", "Filters", "Offset", "Limit"];
    private static readonly string[] CvmFilterNames = ["instance-charge-type", "instance-id", "zone", "instance-state", "instance-name"];
    private static readonly string[] MongoKeys = ["InstanceIds", "PayMode", "Limit", "Offset"];
    /// <summary>Documented MongoDB request fields the emulator does not filter on: refused rather than silently ignored.</summary>
    private static readonly string[] MongoNotEmulated =
        ["InstanceType", "ClusterType", "Status", "VpcId", "SubnetId", "OrderBy", "OrderByType", "ProjectIds", "SearchKey", "Tags"];
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static void Cvm(EmulatorState state, Exchange x, JsonElement body, string region)
    {
        RejectUnknown(body, CvmKeys, []);
        var ids = Strings(body, "InstanceIds");
        var filters = Filters(body);
        if (ids is not null && filters is not null)
            throw new RejectionException("InvalidParameter", "InstanceIds and Filters cannot be specified at the same time.");
        if (ids?.Count > 100) throw new RejectionException("InvalidParameterValue.LimitExceeded", $"At most 100 InstanceIds per request; got {ids.Count}.");
        var malformed = ids?.Where(id => !EmulatorState.CvmId().IsMatch(id)).ToList() ?? [];
        if (malformed.Count > 0) throw new RejectionException("InvalidInstanceId.Malformed", $"Malformed instance id(s): {string.Join(", ", malformed)}");
        state.CreateAsked(ids, "cvm", region, EmulatorState.CvmId());
        var (offset, limit) = Page(body, "InvalidParameterValue.LimitExceeded");
        var now = state.Now;
        var matches = state.List("cvm", region)
            .Where(i => ids is null || ids.Contains(i.Id, StringComparer.Ordinal))
            .Where(i => filters is null || filters.All(f => f.Values.Contains(CvmFilterValue(i, f.Name), StringComparer.Ordinal)))
            .ToList();
        // UNCONFIRMED: Offset/Limit also page an InstanceIds query (so 100 ids need Limit 100), as for a filtered one.
        var page = matches.Skip(offset).Take(limit).ToList();
        x.InstanceIds = ids ?? page.Select(i => i.Id).ToList();
        Api3Wire.Answer(x, new { TotalCount = matches.Count, InstanceSet = page.Select(i => CvmInstance(i, now)).ToList() });
    }

    private static string CvmFilterValue(EmulatedInstance i, string name) => name switch
    {
        "instance-charge-type" => i.ChargeType,
        "instance-id" => i.Id,
        "zone" => TencentZone(i),
        "instance-state" => i.State,
        _ => i.Name ?? i.Id, // instance-name: exact match (whether the cloud matches fuzzily is UNCONFIRMED)
    };

    private static object CvmInstance(EmulatedInstance i, DateTimeOffset now)
    {
        var prepaid = i.IsPrepaid;
        return new
        {
            InstanceId = i.Id,
            InstanceName = i.Name ?? i.Id,
            InstanceChargeType = i.ChargeType,
            InstanceState = i.State,
            Placement = new { Zone = TencentZone(i) },
            CreatedTime = Iso(i.CreatedOrDefault),
            ExpiredTime = prepaid ? Iso(i.Expiry) : null,
            RenewFlag = prepaid ? PolicyFlags.RenewFlag(PolicyFlags.ModeOf(i)) : null,
            // Expired but not released: the stored state stays RUNNING, the restriction shows it (FleetGenerator).
            RestrictState = i.RestrictState ?? (prepaid && i.Expiry <= now ? "EXPIRED" : "NORMAL"),
            IsolatedSource = i.IsolatedSource ?? "NOTISOLATED",
            i.LatestOperation,
            i.LatestOperationState,
            i.LatestOperationRequestId,
            i.LatestOperationErrorMsg,
        };
    }

    public static void Mongo(EmulatorState state, Exchange x, JsonElement body, string? region)
    {
        RejectUnknown(body, MongoKeys, MongoNotEmulated);
        var ids = Strings(body, "InstanceIds");
        state.CreateAsked(ids, "mongodb", region, EmulatorState.MongoId());
        int? payMode = null;
        if (body.TryGetProperty("PayMode", out var pm))
        {
            if (pm.ValueKind != JsonValueKind.Number || !pm.TryGetInt32(out var m) || m is < -1 or > 1)
                throw new RejectionException("InvalidParameterValue", "PayMode must be 0 (postpaid), 1 (prepaid) or -1 (both).");
            payMode = m == -1 ? null : m;
        }
        // UNCONFIRMED: the code for a Limit outside 1..100 (MongoDB documents none).
        var (offset, limit) = Page(body, "InvalidParameterValue");
        var now = state.Now;
        // Region is optional for MongoDB (A2); when given, only that region's instances.
        var matches = state.List("mongodb", region)
            .Where(i => !i.State.Equals("DELETED", StringComparison.OrdinalIgnoreCase))
            .Where(i => ids is null || ids.Contains(i.Id, StringComparer.Ordinal))
            .Where(i => payMode is null || payMode == (i.IsPrepaid ? 1 : 0))
            .ToList();
        var page = matches.Skip(offset).Take(limit).ToList();
        x.InstanceIds = ids ?? page.Select(i => i.Id).ToList();
        Api3Wire.Answer(x, new { TotalCount = matches.Count, InstanceDetails = page.Select(i => MongoInstance(i, now)).ToList() });
    }

    private static object MongoInstance(EmulatedInstance i, DateTimeOffset now)
    {
        var prepaid = i.IsPrepaid;
        return new
        {
            InstanceId = i.Id,
            InstanceName = i.Name ?? i.Id,
            PayMode = prepaid ? 1 : 0,
            i.Region,
            Zone = TencentZone(i),
            Status = i.State.ToUpperInvariant() switch
            {
                "INITIALIZING" => 0,
                "PROCESSING" => 1,
                "ISOLATED" => prepaid ? -2 : -3,
                _ => prepaid && i.Expiry <= now ? -2 : 2, // expired prepaid, not released: isolated
            },
            CreateTime = Cst(i.CreatedOrDefault),
            // Pay-as-you-go instances show a deadline 50 years ahead (tccli example "2073-03-30 07:44:21").
            DeadLine = Cst(prepaid ? i.Expiry : i.CreatedOrDefault.AddYears(50)),
            AutoRenewFlag = prepaid ? PolicyFlags.MongoFlag(i) : 0,
        };
    }

    private static string TencentZone(EmulatedInstance i) => i.Zone ?? i.Region + "-1";
    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>UNCONFIRMED: the zone-less MongoDB times are written in China Standard Time (UTC+8).</summary>
    private static string Cst(DateTimeOffset t) => t.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void RejectUnknown(JsonElement body, string[] allowed, string[] notEmulated)
    {
        foreach (var p in body.EnumerateObject())
        {
            if (notEmulated.Contains(p.Name)) throw new RejectionException("InvalidParameter", $"The parameter `{p.Name}` is not emulated.");
            if (!allowed.Contains(p.Name)) throw new RejectionException("UnknownParameter", $"The parameter `{p.Name}` is not recognized.");
        }
    }

    /// <summary>A string array, or null when absent or empty.</summary>
    private static List<string>? Strings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var arr)) return null;
        if (arr.ValueKind != JsonValueKind.Array) throw new RejectionException("InvalidParameter", $"{name} must be an array of strings.");
        var list = arr.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new RejectionException("InvalidParameter", $"{name} must be an array of strings."))
            .ToList();
        return list.Count == 0 ? null : list;
    }

    private sealed record Filter(string Name, List<string> Values);

    private static List<Filter>? Filters(JsonElement body)
    {
        if (!body.TryGetProperty("Filters", out var arr)) return null;
        if (arr.ValueKind != JsonValueKind.Array) throw new RejectionException("InvalidParameter", "Filters must be an array of {Name, Values}.");
        var filters = new List<Filter>();
        foreach (var f in arr.EnumerateArray())
        {
            if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("Name", out var n) || n.ValueKind != JsonValueKind.String)
                throw new RejectionException("InvalidParameter", "Each filter needs a Name string and a Values array.");
            var values = Strings(f, "Values") ?? throw new RejectionException("InvalidParameter", $"Filter `{n.GetString()}` needs at least one value.");
            filters.Add(new Filter(n.GetString()!, values));
        }
        if (filters.Count > 10) throw new RejectionException("InvalidParameterValue.LimitExceeded", $"At most 10 Filters per request; got {filters.Count}.");
        if (filters.FirstOrDefault(f => f.Values.Count > 5) is { } many)
            throw new RejectionException("InvalidParameterValue.LimitExceeded", $"At most 5 Values per filter; `{many.Name}` has {many.Values.Count}.");
        if (filters.FirstOrDefault(f => !CvmFilterNames.Contains(f.Name)) is { } unknown)
            throw new RejectionException("InvalidFilter", $"The filter `{unknown.Name}` is not supported.");
        return filters.Count == 0 ? null : filters;
    }

    /// <summary>Offset (default 0, ≥ 0) and Limit (default 20, 1..100; above 100 → <paramref name="limitCode"/>).</summary>
    private static (int Offset, int Limit) Page(JsonElement body, string limitCode)
    {
        var offset = Int(body, "Offset") ?? 0;
        var limit = Int(body, "Limit") ?? 20;
        if (offset < 0) throw new RejectionException("InvalidParameterValue", $"Offset must not be negative; got {offset}.");
        if (limit > 100) throw new RejectionException(limitCode, $"Limit must be at most 100; got {limit}.");
        if (limit < 1) throw new RejectionException("InvalidParameterValue", $"Limit must be at least 1; got {limit}.");
        return (offset, limit);
    }

    private static int? Int(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
        : throw new RejectionException("InvalidParameter", $"{name} must be an integer.");

    /// <summary>
    /// InquiryPriceRenewInstances: the price is what RenewInstances would charge (no discount: Discount 100 = 100 % of
    /// list price), summed over the ids (whether the cloud sums is UNCONFIRMED). Scenario switches give the string and
    /// empty-InstancePrice variants of the tccli examples.
    /// </summary>
    public static void CvmQuote(EmulatorState state, Exchange x, RenewalPlan plan)
    {
        var price = plan.Cost;
        object instancePrice = state.Scenario.CvmQuoteEmptyInstancePrice ? new { }
            : state.Scenario.CvmQuotePricesAsStrings ? new { OriginalPrice = Money(price), DiscountPrice = Money(price), Discount = Money(100m) }
            : new { OriginalPrice = price, DiscountPrice = price, Discount = 100m };
        Api3Wire.Answer(x, new { Price = new { InstancePrice = instancePrice } });
    }

    /// <summary>InquirePriceRenewDBInstances: UnitPrice = the monthly price of the ids (UNCONFIRMED meaning), the others the total charge.</summary>
    public static void MongoQuote(Exchange x, RenewalPlan plan) =>
        Api3Wire.Answer(x, new { Price = new { UnitPrice = plan.Instances.Sum(i => i.MonthlyPrice), OriginalPrice = plan.Cost, DiscountPrice = plan.Cost } });

    /// <summary>Billing DescribeAccountBalance 2018-07-09: amounts in fen (cents); Balance is an integer, the rest floats.</summary>
    public static void Balance(Exchange x, EmulatedAccount account, JsonElement body)
    {
        RejectUnknown(body, ["TempCredit"], []);
        var fen = Math.Round(account.Balance * 100m, MidpointRounding.AwayFromZero);
        Api3Wire.Answer(x, new
        {
            Balance = (long)fen,
            account.Uin,
            RealBalance = (double)fen,
            CashAccountBalance = (double)fen,
            IncomeIntoAccountBalance = 0.0,
            PresentAccountBalance = 0.0,
            FreezeAmount = 0.0,
            OweAmount = fen < 0 ? (double)-fen : 0.0,
            IsAllowArrears = false,
            IsCreditLimited = false,
            CreditAmount = 0.0,
            CreditBalance = 0.0,
            RealCreditBalance = 0.0,
        });
    }

    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
