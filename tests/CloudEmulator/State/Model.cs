using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudEmulator;

/// <summary>Everything the emulated clouds know. Live: tests may change it between runs.</summary>
public sealed class Scenario
{
    public int Seed { get; set; } = 1;
    public int LatencyMs { get; set; }
    /// <summary>Emulator "now" = real now + offset (also reported in the Date header).</summary>
    public int ClockOffsetSeconds { get; set; }
    /// <summary>Unknown but well-formed ids are treated as existing prepaid instances of the service.</summary>
    public bool AutoCreateInstances { get; set; }
    /// <summary>MonthlyPrice given to auto-created instances (0 = free, so benchmarks need no balance).</summary>
    public decimal AutoCreateMonthlyPrice { get; set; }
    /// <summary>"china" or "international" (allowed ECS Period/PeriodUnit differ, cloud-apis.md §6).</summary>
    public string EcsSite { get; set; } = "china";
    /// <summary>Write one line per cloud request to stdout.</summary>
    public bool LogRequests { get; set; }
    public List<EmulatedAccount> Accounts { get; } = new();
    public List<EmulatedInstance> Instances { get; } = new();
    /// <summary>Requests/s per account per "product:Action"; keys missing here fall back to <see cref="DefaultRateLimits"/>. 0 or less = unlimited.</summary>
    public Dictionary<string, double> RateLimits { get; } = new(DefaultRateLimits, StringComparer.OrdinalIgnoreCase);
    public FaultRates Faults { get; set; } = new();
    /// <summary>
    /// Tencent API 3.0 RenewInstances / RenewDBInstances: 0 = complete at once; otherwise the accepted renewal charges at
    /// once but moves the expiry only this many ms later on the emulator's clock (CVM shows LatestOperationState OPERATING).
    /// </summary>
    public int AsyncCompletionMs { get; set; }
    /// <summary>Share (0..1, seeded) of asynchronous renewals that end FAILED: expiry unchanged, charge refunded.</summary>
    public double AsyncFailureRate { get; set; }
    /// <summary>
    /// A Tencent renewal that carries InstanceChargePrepaid but omits RenewFlag sets the documented default
    /// NOTIFY_AND_MANUAL_RENEW (sdk-go cvm/v20170312 InstanceChargePrepaid): an auto-renewing instance stops auto-renewing.
    /// Whether the real cloud does this on a renewal is UNCONFIRMED; the module must not bet on it.
    /// </summary>
    public bool ApplyRenewFlagDefault { get; set; }
    /// <summary>
    /// CVM ModifyInstancesRenewFlag is asynchronous (policy-and-evidence.md §2): the new RenewFlag reads back only this many ms
    /// after acceptance (LatestOperationState OPERATING until then). 0 = at once. How long the real cloud takes is UNCONFIRMED.
    /// </summary>
    public int PolicyCompletionMs { get; set; } = 200;
    /// <summary>Billing DescribeDealsByCond lists a renewal's order only this many ms after it was created.</summary>
    public int BillingListingDelayMs { get; set; }
    /// <summary>Large deterministic instance sets generated from <see cref="Seed"/> when the host starts (see <see cref="FleetSpec"/>).</summary>
    public List<FleetSpec> Fleets { get; } = new();
    /// <summary>CVM InquiryPriceRenewInstances answers its prices as strings ("120.00"), as one tccli example prints them.</summary>
    public bool CvmQuotePricesAsStrings { get; set; }
    /// <summary>CVM InquiryPriceRenewInstances answers "InstancePrice": {} (no prices at all), as another tccli example does.</summary>
    public bool CvmQuoteEmptyInstancePrice { get; set; }

    /// <summary>cvm/mongodb are documented (cloud-apis.md §0); the legacy and ECS values are UNCONFIRMED guesses.</summary>
    public static IReadOnlyDictionary<string, double> DefaultRateLimits { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["cvm:RenewInstances"] = 10,
        ["mongodb:RenewDBInstances"] = 20,
        ["cvm:RenewInstance"] = 50,
        ["mongodb:RenewMongoDB"] = 50,
        ["ecs:RenewInstance"] = 50,
        ["cvm:DescribeInstances"] = 40,
        ["mongodb:DescribeDBInstances"] = 20,
        ["ecs:DescribeInstances"] = 50, // UNCONFIRMED: Alibaba shows its limits only in the Quota Center
        ["cvm:InquiryPriceRenewInstances"] = 10,
        ["mongodb:InquirePriceRenewDBInstances"] = 20,
        ["billing:DescribeAccountBalance"] = 20,
        ["billing:DescribeDealsByCond"] = 20,
        ["ecs:DescribeRenewalPrice"] = 50, // UNCONFIRMED
        ["bss:QueryAccountBalance"] = 10, // UNCONFIRMED
        ["cvm:ModifyInstancesRenewFlag"] = 10, // policy-and-evidence.md §2, CONFIRMED
        ["mongodb:SetAutoRenew"] = 20, // UNCONFIRMED: not stated; other MongoDB actions are 20/s
        ["ecs:ModifyInstanceAutoRenewAttribute"] = 50, // UNCONFIRMED
        ["ecs:DescribeInstanceAutoRenewAttribute"] = 50, // UNCONFIRMED
    };

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Scenario Parse(string json) =>
        JsonSerializer.Deserialize<Scenario>(json, Json) ?? throw new JsonException("Scenario JSON is null.");

    public static Scenario Load(string path) => Parse(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public double RateLimitFor(string key) =>
        RateLimits.TryGetValue(key, out var v) ? v : DefaultRateLimits.TryGetValue(key, out var d) ? d : 50;
}

/// <summary>Per-request fault probabilities, drawn from an RNG seeded with <see cref="Scenario.Seed"/>.</summary>
public sealed class FaultRates
{
    public double ThrottleRate { get; set; }
    public double ErrorBeforeExecutionRate { get; set; }
    public double ErrorAfterExecutionRate { get; set; }
    public double DropAfterExecutionRate { get; set; }
    public double SlowRate { get; set; }
    public int SlowMs { get; set; } = 2000;
}

public sealed class EmulatedAccount
{
    /// <summary>"tencent" or "alibaba".</summary>
    public string Provider { get; set; } = "tencent";
    /// <summary>SecretId / AccessKeyId.</summary>
    public string Id { get; set; } = "";
    public string Secret { get; set; } = "";
    /// <summary>STS token: if set, requests must carry it.</summary>
    public string? Token { get; set; }
    public decimal Balance { get; set; }
    public bool UnpaidOrder { get; set; }
    /// <summary>Tencent DescribeAccountBalance Uin.</summary>
    public long Uin { get; set; } = 100000000001;
    /// <summary>Alibaba BSS QueryAccountBalance answers NotAuthorized (HTTP 400).</summary>
    public bool BssNotAuthorized { get; set; }
    /// <summary>Tencent billing DescribeDealsByCond answers AuthFailure.UnauthorizedOperation (a key without finance read).</summary>
    public bool BillingNotAuthorized { get; set; }
}

public sealed class EmulatedInstance
{
    public string Id { get; set; } = "";
    /// <summary>"cvm", "mongodb" or "ecs".</summary>
    public string Service { get; set; } = "cvm";
    public string Region { get; set; } = "";
    /// <summary>"PREPAID"/"POSTPAID_BY_HOUR" (Tencent), "PrePaid"/"PostPaid" (ECS).</summary>
    public string ChargeType { get; set; } = "PREPAID";
    public string State { get; set; } = "RUNNING";
    public DateTimeOffset Expiry { get; set; }
    public decimal MonthlyPrice { get; set; }
    /// <summary>Any documented code: a request touching this instance is rejected with it, nothing executed.</summary>
    public string? ForcedError { get; set; }
    public bool LockedForSecurity { get; set; }
    public bool UnpaidOrder { get; set; }

    // Read-side (Describe*) fields; null = a default derived from the rest (see the read handlers).
    /// <summary>InstanceName; null = the id.</summary>
    public string? Name { get; set; }
    /// <summary>Placement.Zone / ZoneId; null = region + "-1" (Tencent) or region + "-a" (ECS).</summary>
    public string? Zone { get; set; }
    /// <summary>CreatedTime / CreateTime / CreationTime; null = 2024-01-01T00:00:00Z.</summary>
    public DateTimeOffset? Created { get; set; }
    /// <summary>
    /// The renewal policy of every service, in CVM's words: NOTIFY_AND_AUTO_RENEW / NOTIFY_AND_MANUAL_RENEW /
    /// DISABLE_NOTIFY_AND_MANUAL_RENEW; null = manual (prepaid). MongoDB shows it as AutoRenewFlag 1 / 0 / 2, ECS as
    /// RenewalStatus AutoRenewal / Normal / NotRenewal (see <see cref="RenewalPolicy"/>).
    /// </summary>
    public string? RenewFlag { get; set; }
    /// <summary>ECS auto-renew Duration (ModifyInstanceAutoRenewAttribute); null = 1 (UNCONFIRMED: the value of an instance never set).</summary>
    public int? AutoRenewDuration { get; set; }
    /// <summary>ECS auto-renew PeriodUnit, "Month" or "Year"; null = Month.</summary>
    public string? AutoRenewPeriodUnit { get; set; }
    /// <summary>CVM RestrictState; null = EXPIRED for a prepaid instance past its expiry, NORMAL otherwise.</summary>
    public string? RestrictState { get; set; }
    /// <summary>CVM IsolatedSource; null = NOTISOLATED.</summary>
    public string? IsolatedSource { get; set; }
    /// <summary>CVM LatestOperation* (set by API 3.0 RenewInstances; null until an operation ran).</summary>
    public string? LatestOperation { get; set; }
    public string? LatestOperationState { get; set; }
    public string? LatestOperationRequestId { get; set; }
    public string? LatestOperationErrorMsg { get; set; }

    internal bool IsPrepaid => ChargeType.Equals("PREPAID", StringComparison.OrdinalIgnoreCase);
    internal DateTimeOffset CreatedOrDefault => Created ?? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// A generated fleet: <see cref="Count"/> instances of <see cref="Service"/> spread round-robin over <see cref="Regions"/>,
/// ids in the service's shape with <see cref="IdPrefix"/> then a base-36 sequence (ins-f0000001, cmgo-f0000001,
/// i-bpf00000000000000001). Drawn from the scenario seed and the fleet's position, relative to the emulator's clock at start.
/// </summary>
public sealed class FleetSpec
{
    /// <summary>"cvm", "mongodb" or "ecs".</summary>
    public string Service { get; set; } = "cvm";
    public int Count { get; set; } = 100;
    /// <summary>Empty = ap-guangzhou (Tencent) or cn-hangzhou (ECS).</summary>
    public List<string> Regions { get; } = new();
    public double PrepaidShare { get; set; } = 0.8;
    public int ExpiringWithinDays { get; set; } = 30;
    /// <summary>Share of prepaid instances expiring within <see cref="ExpiringWithinDays"/>; the rest expire 60–400 days out.</summary>
    public double ExpiringShare { get; set; } = 0.5;
    /// <summary>Share of prepaid instances already expired (1–7 days ago) but not released.</summary>
    public double ExpiredShare { get; set; } = 0.05;
    /// <summary>Lowercase letters/digits, at most 6 characters; fleets of one service need distinct prefixes.</summary>
    public string IdPrefix { get; set; } = "f";
    public decimal MonthlyPrice { get; set; }
}

/// <summary>
/// DropAfterExecution aborts the connection; CloseAfterExecution closes it gracefully (FIN, no answer), the case in which
/// .NET's HTTP stack resends a request without a body on its own (dotnet/runtime issue 86714).
/// </summary>
public enum FaultKind { Throttle, ErrorBeforeExecution, ErrorAfterExecution, DropAfterExecution, SlowAfterExecution, ErrorCode, CloseAfterExecution }

/// <summary>
/// A scripted fault, consumed in order. Action may be "RenewInstance" or product-qualified "ecs:RenewInstance".
/// A rule without Action matches renew actions only: a read (Describe*) is faulted only by a rule that names it.
/// </summary>
public sealed class FaultRule
{
    public string? Action { get; set; }
    public string? InstanceId { get; set; }
    public FaultKind Kind { get; set; }
    public string? Code { get; set; }
    public int? HttpStatus { get; set; }
    public int Times { get; set; } = 1;
    /// <summary>Matching requests to let through before the rule starts to apply (a fault on the second attempt, say).</summary>
    public int Skip { get; set; }
    public int DelayMs { get; set; }
}

public sealed class RecordedRequest
{
    public DateTimeOffset Time { get; init; }
    public string Method { get; init; } = "";
    public string Path { get; init; } = "";
    public string Query { get; init; } = "";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string Body { get; init; } = "";
    /// <summary>"cvm", "mongodb", "ecs" or "" when not recognised.</summary>
    public string Product { get; init; } = "";
    public string Action { get; init; } = "";
    public IReadOnlyList<string> InstanceIds { get; init; } = Array.Empty<string>();
    /// <summary>"Success", the error code answered, or the fault name (ErrorBeforeExecution, ErrorAfterExecution, DropAfterExecution, SlowAfterExecution).</summary>
    public string Outcome { get; init; } = "";
    /// <summary>True when this request actually renewed (charged) something, or changed (or scheduled a change of) a renewal policy.</summary>
    public bool Executed { get; init; }
    /// <summary>0 when the connection was dropped.</summary>
    public int HttpStatus { get; init; }
    internal long Sequence { get; init; }

    /// <summary>A query or form-body parameter (decoded), as the cloud reads it; null when absent.</summary>
    public string? Parameter(string name) =>
        Exchange.ParsePairs(Query.TrimStart('?')).Concat(Exchange.ParsePairs(Body))
            .Where(p => p.Key == name).Select(p => p.Value).LastOrDefault();
}
