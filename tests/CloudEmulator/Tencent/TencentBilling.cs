using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using CloudEmulator.State;

namespace CloudEmulator.Tencent;

/// <summary>
/// Billing DescribeDealsByCond 2018-07-09 (sdk-go billing/v20180709 models.go; policy-and-evidence.md §3): orders between
/// StartTime and EndTime ("yyyy-MM-dd HH:mm:ss", Beijing time here: UNCONFIRMED), Status default 4 (delivered) unless
/// StatusSet is given, Offset = page number from 0, Limit ≤ 1000 (default 20) and above 200 ResourceId comes back null.
/// </summary>
internal static class TencentBilling
{
    private static readonly string[] Keys = ["StartTime", "EndTime", "Limit", "Offset", "Status", "OrderId", "BigDealId", "ResourceId", "StatusSet"];
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static void DealsByCond(EmulatorState state, Exchange x, EmulatedAccount account, JsonElement body)
    {
        if (account.BillingNotAuthorized)
            throw new RejectionException("AuthFailure.UnauthorizedOperation", "You are not authorized to perform operation (billing:DescribeDealsByCond). Check your CAM policies.");
        foreach (var p in body.EnumerateObject())
            if (!Keys.Contains(p.Name)) throw new RejectionException("UnknownParameter", $"The parameter `{p.Name}` is not recognized.");
        var start = Time(body, "StartTime");
        var end = Time(body, "EndTime");
        var limit = Long(body, "Limit") ?? 20;
        var offset = Long(body, "Offset") ?? 0;
        if (limit < 1 || limit > 1000) throw new RejectionException("InvalidParameterValue", $"Limit must be 1..1000; got {limit}.");
        if (offset < 0) throw new RejectionException("InvalidParameterValue", $"Offset must not be negative; got {offset}.");
        if (end < start) throw new RejectionException("InvalidParameterValue", "EndTime is before StartTime.");
        var statuses = StatusFilter(body);
        var orderId = Text(body, "OrderId");
        var bigDealId = Text(body, "BigDealId");
        var resourceId = Text(body, "ResourceId");
        var matches = state.ListedOrders(account.Id)
            .Where(o => Local(o.Created) >= start && Local(o.Created) <= end)
            .Where(o => statuses.Contains(o.Status))
            .Where(o => orderId is null || o.OrderId == orderId)
            .Where(o => bigDealId is null || o.BigDealId == bigDealId)
            .Where(o => resourceId is null || o.ResourceId == resourceId)
            .OrderByDescending(o => o.Created)
            .ToList();
        var page = matches.Skip((int)Math.Min(int.MaxValue, offset * limit)).Take((int)limit).ToList();
        Api3Wire.Answer(x, new
        {
            Deals = page.Select(o => Deal(o, withResource: limit <= 200)).ToList(),
            TotalCount = matches.Count,
        });
    }

    private static object Deal(BillingOrder o, bool withResource) => new
    {
        o.OrderId,
        Status = o.Status,
        Payer = o.AccountId,
        CreateTime = Local(o.Created).ToString(TimeFormat, CultureInfo.InvariantCulture),
        Creator = o.AccountId,
        RealTotalCost = (long)Math.Round(o.Cost * 100m, MidpointRounding.AwayFromZero),
        VoucherDecline = 0L,
        ProjectId = 0L,
        GoodsCategoryId = o.Service == "cvm" ? 1L : 2L,
        ProductInfo = new[] { new { Name = "Renewal", Value = o.Months.ToString(CultureInfo.InvariantCulture) + " month(s)" } },
        TimeSpan = (double)o.Months,
        TimeUnit = "m",
        Currency = "CNY",
        Policy = 100.0,
        Price = (double)Math.Round(o.Cost * 100m, MidpointRounding.AwayFromZero),
        TotalCost = (double)Math.Round(o.Cost * 100m, MidpointRounding.AwayFromZero),
        ProductCode = "p_" + o.Service,
        SubProductCode = "sp_" + o.Service,
        o.BigDealId,
        Formula = "",
        RefReturnDeals = "",
        PayMode = "prePay",
        o.Action,
        ProductName = o.Service == "cvm" ? "Cloud Virtual Machine" : "TencentDB for MongoDB",
        SubProductName = o.Service,
        ResourceId = withResource ? new[] { o.ResourceId } : null,
        ZoneCode = "",
    };

    private static DateTime Local(DateTimeOffset t) => t.ToOffset(Beijing).DateTime;

    private static HashSet<int> StatusFilter(JsonElement body)
    {
        if (body.TryGetProperty("StatusSet", out var set))
        {
            if (set.ValueKind != JsonValueKind.Array) throw new RejectionException("InvalidParameter", "StatusSet must be an array of integers.");
            var statuses = set.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) ? n : throw new RejectionException("InvalidParameter", "StatusSet must be an array of integers.")).ToHashSet();
            if (statuses.Count > 0) return statuses;
        }
        var status = Long(body, "Status");
        return status.HasValue ? [(int)status.Value] : [.. BillingOrder.DeliveredOnly];
    }

    private static DateTime Time(JsonElement body, string name)
    {
        var text = Text(body, name) ?? throw new RejectionException("MissingParameter", $"The request is missing a required parameter `{name}`.");
        return DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new RejectionException("InvalidParameterValue", $"{name} must look like 2016-01-01 00:00:00; got `{text}`.");
    }

    private static string? Text(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new RejectionException("InvalidParameter", $"{name} must be a string.");

    private static long? Long(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n
        : throw new RejectionException("InvalidParameter", $"{name} must be an integer.");
}
