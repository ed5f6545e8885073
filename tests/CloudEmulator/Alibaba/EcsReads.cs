using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using CloudEmulator.State;

namespace CloudEmulator.Alibaba;

/// <summary>ECS DescribeInstances 2014-05-26 (cloud-read-apis.md A3, B3; cloud-apis.md §6.2). Caller holds the state lock.</summary>
internal static class EcsReads
{
    private const string TokenPrefix = "ecs-describe-offset:";
    /// <summary>Alibaba's own fixture gives PostPaid instances this expiry.</summary>
    private const string PostPaidExpiry = "2099-12-31T15:59Z";

    /// <summary>The ids asked for (for the request log); empty when absent or not a JSON array of strings.</summary>
    public static IReadOnlyList<string> AskedIds(string? raw)
    {
        try { return ParseIds(raw) ?? []; }
        catch (RejectionException) { return []; }
    }

    /// <summary>A mandatory RPC parameter, or MissingParameter in ECS's words.</summary>
    public static string Required(Exchange x, string name)
    {
        var value = x.Param(name);
        return string.IsNullOrEmpty(value)
            ? throw new RejectionException("MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.")
            : value;
    }

    public static void DescribeInstances(EmulatorState state, Exchange x)
    {
        var region = Required(x, "RegionId");
        var ids = ParseIds(x.Param("InstanceIds"));
        state.CreateAsked(ids, "ecs", region, EmulatorState.EcsId());
        var chargeType = x.Param("InstanceChargeType");
        // UNCONFIRMED: the code for a bad InstanceChargeType / InstanceIds / paging parameter (InvalidParameter here).
        if (chargeType is not (null or "PrePaid" or "PostPaid"))
            throw new RejectionException("InvalidParameter", $"The specified parameter InstanceChargeType is not valid: {chargeType}.");
        var status = x.Param("Status");

        var tokenMode = x.Param("MaxResults") is not null || x.Param("NextToken") is not null;
        var pageMode = x.Param("PageNumber") is not null || x.Param("PageSize") is not null;
        if (tokenMode && pageMode)
            throw new RejectionException("InvalidParameter", "PageNumber/PageSize cannot be used together with MaxResults/NextToken.");

        var now = state.Now;
        var matches = state.List("ecs", region)
            .Where(i => ids is null || ids.Contains(i.Id, StringComparer.Ordinal))
            .Where(i => chargeType is null || i.ChargeType.Equals(chargeType, StringComparison.OrdinalIgnoreCase))
            .Where(i => status is null || Status(i, now).Equals(status, StringComparison.OrdinalIgnoreCase))
            .ToList();

        if (pageMode)
        {
            var number = Positive(x.Param("PageNumber"), "PageNumber") ?? 1;
            var size = Positive(x.Param("PageSize"), "PageSize") ?? 10;
            if (size > 100) throw new RejectionException("InvalidParameter", $"The specified parameter PageSize is not valid: {size} (at most 100).");
            var page = matches.Skip((int)Math.Min(int.MaxValue, (long)(number - 1) * size)).Take(size).ToList();
            Answer(x, ids, page, now, new { NextToken = "", TotalCount = matches.Count, PageNumber = number, PageSize = size });
        }
        else
        {
            // MaxResults: unset or below 10 → 10, above 100 → 100 (A3). TotalCount is "meaningless" here per the docs; we give the real count.
            var max = Math.Clamp(Positive(x.Param("MaxResults"), "MaxResults") ?? 10, 10, 100);
            var offset = Offset(x.Param("NextToken"));
            var page = matches.Skip(offset).Take(max).ToList();
            var next = offset + page.Count < matches.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + (offset + page.Count))) : "";
            Answer(x, ids, page, now, new { NextToken = next, TotalCount = matches.Count });
        }
    }

    private static void Answer(Exchange x, List<string>? ids, List<EmulatedInstance> page, DateTimeOffset now, object paging)
    {
        x.InstanceIds = ids ?? page.Select(i => i.Id).ToList();
        var body = JsonSerializer.SerializeToNode(paging)!.AsObject();
        body["Instances"] = JsonSerializer.SerializeToNode(new { Instance = page.Select(i => Instance(i, now)).ToList() });
        EcsWire.Answer(x, body);
    }

    /// <summary>Expired but not released prepaid instances show as Stopped with a financial lock (FleetGenerator).</summary>
    private static bool Expired(EmulatedInstance i, DateTimeOffset now) => i.IsPrepaid && i.Expiry <= now;

    private static string Status(EmulatedInstance i, DateTimeOffset now) =>
        Expired(i, now) && i.State.Equals("Running", StringComparison.OrdinalIgnoreCase) ? "Stopped" : i.State;

    private static object Instance(EmulatedInstance i, DateTimeOffset now)
    {
        var locks = new List<object>();
        if (Expired(i, now)) locks.Add(new { LockReason = "financial" });
        if (i.LockedForSecurity) locks.Add(new { LockReason = "security" });
        return new
        {
            InstanceId = i.Id,
            InstanceName = i.Name ?? i.Id,
            RegionId = i.Region,
            ZoneId = i.Zone ?? i.Region + "-a",
            InstanceChargeType = i.ChargeType,
            Status = Status(i, now),
            CreationTime = Minutes(i.CreatedOrDefault),
            ExpiredTime = i.IsPrepaid ? Minutes(i.Expiry) : PostPaidExpiry,
            AutoReleaseTime = "",
            SaleCycle = "month", // UNCONFIRMED for PostPaid instances
            OperationLocks = new { LockReason = locks },
        };
    }

    /// <summary>ECS times have minute precision: yyyy-MM-ddTHH:mmZ (UTC).</summary>
    private static string Minutes(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private static List<string>? ParseIds(string? raw)
    {
        if (raw is null) return null;
        List<string>? ids;
        try { ids = JsonSerializer.Deserialize<List<string>>(raw); }
        catch (JsonException) { ids = null; }
        if (ids is null || ids.Any(i => i is null))
            throw new RejectionException("InvalidParameter", $"The specified parameter InstanceIds is not a JSON array of strings: {raw}.");
        if (ids.Count > 100) throw new RejectionException("InvalidParameter", $"The specified parameter InstanceIds has {ids.Count} ids (at most 100).");
        return ids; // [] matches nothing (ALI-DOC)
    }

    private static int? Positive(string? raw, string name) =>
        raw is null ? null
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw new RejectionException("InvalidParameter", $"The specified parameter {name} is not valid: {raw}.");

    private static int Offset(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(TokenPrefix, StringComparison.Ordinal)
                && int.TryParse(text[TokenPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException) { }
        throw new RejectionException("InvalidParameter", $"The specified parameter NextToken is not valid: {token}.");
    }

    /// <summary>BSS QueryAccountBalance 2017-12-14: decimal strings (may be negative), Code "200", Success true.</summary>
    public static void AccountBalance(EmulatorState state, Exchange x, EmulatedAccount account)
    {
        if (account.BssNotAuthorized) throw new RejectionException("NotAuthorized", "This API is not authorized for caller.", 400);
        static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        var international = state.Scenario.EcsSite.Equals("international", StringComparison.OrdinalIgnoreCase);
        EcsWire.Answer(x, JsonSerializer.SerializeToNode(new
        {
            Code = "200",
            Message = "Successful!",
            Success = true,
            Data = new
            {
                AvailableAmount = Money(account.Balance),
                AvailableCashAmount = Money(account.Balance),
                CreditAmount = "0.00",
                MybankCreditAmount = "0.00",
                Currency = international ? "USD" : "CNY",
                QuotaLimit = "0.00",
            },
        })!.AsObject());
    }
}
