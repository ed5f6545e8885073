using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;

namespace CloudEmulator.State;

/// <summary>What a validated renewal will do; applied atomically by <see cref="EmulatorState.Execute"/>.</summary>
internal sealed record RenewalPlan(IReadOnlyList<EmulatedInstance> Instances, Func<DateTimeOffset, DateTimeOffset> Extend, decimal Cost)
{
    /// <summary>The request carried InstanceChargePrepaid (API 3.0 and gateway RenewInstances, RenewDBInstances): its RenewFlag applies.</summary>
    public bool CarriesRenewFlag { get; init; }
    public string? RenewFlag { get; init; }
    public int Months { get; init; }
}

/// <summary>
/// All mutable emulator state. Business checks and execution run under <see cref="Sync"/> so a request is
/// all-or-nothing even with ~20 concurrent requests touching the same account.
/// </summary>
internal sealed partial class EmulatorState
{
    private readonly Dictionary<string, EmulatedInstance> index = new(StringComparer.Ordinal);
    private int indexed;
    private readonly Dictionary<string, int> renewals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> nonces = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), Queue<long>> windows = new();
    private long dealSeq = 2790804;
    private long orderSeq = 211680000000000;
    private readonly List<PendingRenewal> pending = new();
    private readonly Random asyncRng;

    /// <summary>An accepted asynchronous renewal (already charged) that completes at <paramref name="Due"/>.</summary>
    private sealed record PendingRenewal(RenewalPlan Plan, EmulatedAccount Account, DateTimeOffset Due, bool Fails, bool Traced, IReadOnlyList<BillingOrder> Orders);
    private readonly List<BillingOrder> orders = new();

    public EmulatorState(Scenario scenario)
    {
        Scenario = scenario;
        asyncRng = new Random(unchecked(scenario.Seed * 31 + 17));
        Policies = new PolicyChanges(scenario);
        FleetGenerator.Expand(scenario, Now);
    }

    public Scenario Scenario { get; }
    /// <summary>CVM renew-flag changes in flight; completed by <see cref="Advance"/>.</summary>
    public PolicyChanges Policies { get; }
    public object Sync { get; } = new();
    public ClientTokenStore Tokens { get; } = new();
    public DateTimeOffset Now => DateTimeOffset.UtcNow.AddSeconds(Scenario.ClockOffsetSeconds);

    public string NextDealId() => Interlocked.Increment(ref dealSeq).ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string NextOrderId() => Interlocked.Increment(ref orderSeq).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public EmulatedAccount? FindAccount(string provider, string id)
    {
        lock (Sync)
            return Scenario.Accounts.FirstOrDefault(a => a.Id == id && a.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("^ins-[a-z0-9]{8}$")] public static partial Regex CvmId();
    [GeneratedRegex("^qcvm[0-9a-f]{32}$")] public static partial Regex LegacyCvmId();
    [GeneratedRegex("^cmgo-[a-z0-9]{8}$")] public static partial Regex MongoId();
    [GeneratedRegex("^i-[a-z0-9]{6,30}$")] public static partial Regex EcsId();

    /// <summary>Finds an instance by id (any service). Caller holds <see cref="Sync"/> or accepts a racy read.</summary>
    public EmulatedInstance? Find(string id)
    {
        lock (Sync)
        {
            Advance();
            // Tests may add instances to Scenario.Instances after start: index the new ones (never rescan the rest,
            // which made lookups of unknown ids O(n) and a 100k-row run O(n^2)).
            for (; indexed < Scenario.Instances.Count; indexed++)
                index.TryAdd(Scenario.Instances[indexed].Id, Scenario.Instances[indexed]);
            return index.GetValueOrDefault(id);
        }
    }

    /// <summary>With AutoCreateInstances, an ID asked for by a read exists from then on, as one a renewal names does.</summary>
    public void CreateAsked(IReadOnlyList<string>? ids, string service, string? region, Regex shape)
    {
        if (ids is null || !Scenario.AutoCreateInstances) return;
        foreach (var id in ids) Find(id, service, region, shape.IsMatch(id));
    }

    /// <summary>
    /// Instance of <paramref name="service"/> visible in <paramref name="region"/> (null/empty region = any), creating a
    /// prepaid one when AutoCreateInstances is on and <paramref name="wellFormed"/>.
    /// </summary>
    public EmulatedInstance? Find(string id, string service, string? region, bool wellFormed)
    {
        lock (Sync)
        {
            var inst = Find(id);
            if (inst is null && wellFormed && Scenario.AutoCreateInstances)
            {
                inst = new EmulatedInstance
                {
                    Id = id, Service = service, Region = region ?? "",
                    ChargeType = service == "ecs" ? "PrePaid" : "PREPAID",
                    Expiry = Now.AddDays(30), MonthlyPrice = Scenario.AutoCreateMonthlyPrice,
                };
                Scenario.Instances.Add(inst);
            }
            if (inst is null || !inst.Service.Equals(service, StringComparison.OrdinalIgnoreCase)) return null;
            if (!string.IsNullOrEmpty(region) && !string.IsNullOrEmpty(inst.Region) && !inst.Region.Equals(region, StringComparison.OrdinalIgnoreCase))
                return null;
            return inst;
        }
    }

    /// <summary>
    /// Applies a validated plan: debit the account, then extend expiries and count renewals, at once or, when
    /// <paramref name="mayDefer"/> and Scenario.AsyncCompletionMs &gt; 0, at completion. <paramref name="operationRequestId"/>
    /// non-null = trace it in the CVM LatestOperation* fields. Caller holds <see cref="Sync"/>.
    /// </summary>
    public void Execute(RenewalPlan plan, EmulatedAccount account, bool mayDefer = false, string? operationRequestId = null)
    {
        account.Balance -= plan.Cost;
        ApplyRenewFlag(plan);
        var placed = PlaceOrders(plan, account);
        var traced = operationRequestId is not null;
        if (traced)
            foreach (var inst in plan.Instances)
            {
                inst.LatestOperation = "RenewInstances";
                inst.LatestOperationState = "OPERATING";
                inst.LatestOperationRequestId = operationRequestId;
                inst.LatestOperationErrorMsg = null;
            }
        if (mayDefer && Scenario.AsyncCompletionMs > 0)
        {
            var fails = Scenario.AsyncFailureRate > 0 && asyncRng.NextDouble() < Scenario.AsyncFailureRate;
            pending.Add(new PendingRenewal(plan, account, Now.AddMilliseconds(Scenario.AsyncCompletionMs), fails, traced, placed));
            return;
        }
        Complete(plan, account, fails: false, traced, placed);
    }

    /// <summary>The documented default applies when the request carried InstanceChargePrepaid without a RenewFlag.</summary>
    private void ApplyRenewFlag(RenewalPlan plan)
    {
        if (!plan.CarriesRenewFlag) return;
        var flag = plan.RenewFlag ?? (Scenario.ApplyRenewFlagDefault ? "NOTIFY_AND_MANUAL_RENEW" : null);
        if (flag is null) return;
        foreach (var inst in plan.Instances) inst.RenewFlag = flag;
    }

    /// <summary>Tencent bills each renewed instance as an order of one big deal (billing DescribeDealsByCond).</summary>
    private List<BillingOrder> PlaceOrders(RenewalPlan plan, EmulatedAccount account)
    {
        var placed = new List<BillingOrder>();
        if (!account.Provider.Equals("tencent", StringComparison.OrdinalIgnoreCase)) return placed;
        var now = Now;
        var bigDeal = NextOrderId();
        var deferred = Scenario.AsyncCompletionMs > 0;
        foreach (var inst in plan.Instances)
        {
            placed.Add(new BillingOrder
            {
                OrderId = NextOrderId(), BigDealId = bigDeal, AccountId = account.Id, ResourceId = inst.Id,
                Service = inst.Service.ToLowerInvariant(), Status = deferred ? 3 : 4, Created = now,
                ListedFrom = now.AddMilliseconds(Scenario.BillingListingDelayMs),
                Cost = plan.Instances.Count == 0 ? 0 : plan.Cost / plan.Instances.Count, Months = plan.Months,
            });
        }
        lock (orders) orders.AddRange(placed);
        return placed;
    }

    /// <summary>The orders of <paramref name="accountId"/> that billing lists now.</summary>
    public List<BillingOrder> ListedOrders(string accountId)
    {
        var now = Now;
        lock (orders) return orders.Where(o => o.AccountId == accountId && o.ListedFrom <= now).ToList();
    }

    /// <summary>Every order, listed or not (tests).</summary>
    public List<BillingOrder> AllOrders()
    {
        lock (orders) return orders.ToList();
    }

    private void Complete(RenewalPlan plan, EmulatedAccount account, bool fails, bool traced, IReadOnlyList<BillingOrder> placed)
    {
        lock (orders)
            foreach (var order in placed) order.Status = fails ? 5 : 4;
        if (fails)
        {
            account.Balance += plan.Cost; // refunded: the renewal never happened
        }
        else
        {
            foreach (var inst in plan.Instances)
            {
                inst.Expiry = plan.Extend(inst.Expiry);
                renewals[inst.Id] = renewals.GetValueOrDefault(inst.Id) + 1;
            }
        }
        if (!traced) return;
        foreach (var inst in plan.Instances)
        {
            inst.LatestOperationState = fails ? "FAILED" : "SUCCESS";
            inst.LatestOperationErrorMsg = fails ? "The renewal failed in the billing backend and was refunded (emulated asyncFailureRate)." : null;
        }
    }

    /// <summary>Completes the asynchronous renewals and policy changes that are due on the emulator's clock; cheap when none are pending.</summary>
    public void Advance()
    {
        lock (Sync)
        {
            if (pending.Count == 0 && Policies.Count == 0) return;
            var now = Now;
            Policies.CompleteDue(now);
            foreach (var op in pending.Where(p => p.Due <= now).ToList())
            {
                pending.Remove(op);
                Complete(op.Plan, op.Account, op.Fails, op.Traced, op.Orders);
            }
        }
    }

    public int PendingRenewals
    {
        get { lock (Sync) { Advance(); return pending.Count; } }
    }

    public int RenewalCount(string id)
    {
        lock (Sync)
        {
            Advance();
            return renewals.GetValueOrDefault(id);
        }
    }

    /// <summary>Instances of <paramref name="service"/> in <paramref name="region"/> (null = any), ordered by id. Caller holds <see cref="Sync"/>.</summary>
    public IEnumerable<EmulatedInstance> List(string service, string? region)
    {
        Advance();
        // A region's listing, ordered by id, is kept until an instance is added: paging a 10,000-instance region must not
        // sort it again for every page, or the emulator's own CPU (on the cores the client shares) becomes the latency.
        var key = (service.ToLowerInvariant(), (region ?? "").ToLowerInvariant());
        lock (listings)
        {
            if (!listings.TryGetValue(key, out var cached) || cached.Count != Scenario.Instances.Count)
            {
                cached = (Scenario.Instances.Count, Scenario.Instances
                    .Where(i => i.Service.Equals(service, StringComparison.OrdinalIgnoreCase)
                                && (string.IsNullOrEmpty(region) || i.Region.Equals(region, StringComparison.OrdinalIgnoreCase)))
                    .OrderBy(i => i.Id, StringComparer.Ordinal)
                    .ToList());
                listings[key] = cached;
            }
            return cached.Sorted;
        }
    }

    private readonly Dictionary<(string Service, string Region), (int Count, List<EmulatedInstance> Sorted)> listings = new();

    /// <summary>False when (key, nonce) was already seen within <paramref name="window"/>; records it otherwise.</summary>
    public bool TryUseNonce(string scope, string keyId, string nonce, TimeSpan window)
    {
        var now = Now;
        var key = scope + "\n" + keyId + "\n" + nonce;
        if (nonces.TryAdd(key, now)) return true;
        // An expired entry may be reused; TryUpdate keeps this race-free.
        return nonces.TryGetValue(key, out var seen) && now - seen > window && nonces.TryUpdate(key, now, seen);
    }

    /// <summary>1-second sliding window per (account, action key); only admitted requests count.</summary>
    public bool TryAdmit(string accountId, string actionKey)
    {
        var limit = Scenario.RateLimitFor(actionKey);
        if (limit <= 0) return true;
        var now = Environment.TickCount64;
        lock (windows)
        {
            if (!windows.TryGetValue((accountId, actionKey), out var q))
                windows[(accountId, actionKey)] = q = new Queue<long>();
            while (q.Count > 0 && now - q.Peek() >= 1000) q.Dequeue();
            if (q.Count >= Math.Max(1, (int)Math.Floor(limit))) return false;
            q.Enqueue(now);
            return true;
        }
    }
}

/// <summary>ECS ClientToken records keyed by (AccessKeyId, token), cloud-apis.md §6. Retention is UNCONFIRMED: kept for the host's lifetime.</summary>
internal sealed class ClientTokenStore
{
    public sealed class Entry
    {
        public required string ParameterKey { get; init; }
        public bool Done { get; set; }
        public string OrderId { get; set; } = "";
    }

    private readonly Dictionary<(string, string), Entry> entries = new();

    /// <summary>Caller holds EmulatorState.Sync.</summary>
    public Entry? Get(string keyId, string token) => entries.GetValueOrDefault((keyId, token));
    public void Begin(string keyId, string token, Entry entry) => entries[(keyId, token)] = entry;
}
