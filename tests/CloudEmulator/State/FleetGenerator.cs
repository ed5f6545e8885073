using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CloudEmulator.State;

/// <summary>
/// Expands <see cref="Scenario.Fleets"/> into <see cref="Scenario.Instances"/> once per scenario, deterministically from
/// the seed. Expired prepaid instances are "expired, not released": they keep their stored state (RUNNING / Running) and
/// the read handlers derive the cloud's view from the expiry (CVM RestrictState EXPIRED, MongoDB Status -2, ECS Stopped
/// with a financial lock), so a renewal makes them look normal again.
/// </summary>
internal static partial class FleetGenerator
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Scenario, object> Expanded = new();

    [GeneratedRegex("^[a-z0-9]{0,6}$")] private static partial Regex Prefix();

    public static void Expand(Scenario scenario, DateTimeOffset now)
    {
        if (scenario.Fleets.Count == 0 || Expanded.TryGetValue(scenario, out _)) return;
        Expanded.Add(scenario, new object());
        var ids = new HashSet<string>(scenario.Instances.Select(i => i.Id), StringComparer.Ordinal);
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        for (var f = 0; f < scenario.Fleets.Count; f++)
        {
            var spec = scenario.Fleets[f];
            var service = spec.Service.ToLowerInvariant();
            if (service is not ("cvm" or "mongodb" or "ecs")) throw new ArgumentException($"Fleet {f}: unknown service '{spec.Service}'.");
            if (!Prefix().IsMatch(spec.IdPrefix)) throw new ArgumentException($"Fleet {f}: idPrefix must be at most 6 lowercase letters or digits.");
            var regions = spec.Regions.Count > 0 ? spec.Regions : [service == "ecs" ? "cn-hangzhou" : "ap-guangzhou"];
            var rng = new Random(unchecked(scenario.Seed * 7919 + f));
            for (var n = 0; n < spec.Count; n++)
            {
                var id = Id(service, spec.IdPrefix, n + 1);
                if (!ids.Add(id)) throw new ArgumentException($"Fleet {f}: instance id {id} already exists; give the fleet another idPrefix.");
                var region = regions[n % regions.Count];
                var prepaid = rng.NextDouble() < spec.PrepaidShare;
                var kind = rng.NextDouble();
                var created = start.AddDays(-rng.Next(30, 1500)).AddSeconds(rng.Next(86400));
                DateTimeOffset expiry;
                if (kind < spec.ExpiredShare) expiry = start.AddDays(-rng.Next(1, 8)).AddSeconds(rng.Next(86400));
                // Expiring: between the next hour and the end of the window (start is now truncated to the hour, so the
                // fleet is the same for every start within one hour).
                else if (kind < spec.ExpiredShare + spec.ExpiringShare) expiry = start.AddSeconds(rng.Next(3600, Math.Max(3601, spec.ExpiringWithinDays * 86400)));
                else expiry = start.AddDays(rng.Next(60, 401)).AddSeconds(rng.Next(86400));
                var zone = service == "ecs" ? region + "-" + (char)('a' + rng.Next(0, 8)) : region + "-" + rng.Next(1, 5);
                // About a third each of manual, auto and not-renewed, so an audit of the policy finds work in every fleet.
                var flag = PolicyFlags.RenewFlags[rng.Next(3)];
                scenario.Instances.Add(new EmulatedInstance
                {
                    Id = id,
                    Service = service,
                    Region = region,
                    Zone = zone,
                    Name = $"{spec.IdPrefix}-{service}-{n + 1}",
                    ChargeType = service == "ecs" ? (prepaid ? "PrePaid" : "PostPaid") : (prepaid ? "PREPAID" : "POSTPAID_BY_HOUR"),
                    State = service == "ecs" ? "Running" : "RUNNING",
                    Created = created,
                    Expiry = prepaid ? expiry : created,
                    RenewFlag = prepaid ? flag : null,
                    MonthlyPrice = spec.MonthlyPrice,
                });
            }
        }
    }

    /// <summary>ins-/cmgo- + 8 characters, i-bp + 18: the prefix then the base-36 sequence number, zero-padded.</summary>
    private static string Id(string service, string prefix, int n)
    {
        var (head, width) = service switch { "cvm" => ("ins-", 8), "mongodb" => ("cmgo-", 8), _ => ("i-bp", 18) };
        var digits = Base36(n);
        if (prefix.Length + digits.Length > width) throw new ArgumentException($"Fleet too large for idPrefix '{prefix}'.");
        return head + prefix + digits.PadLeft(width - prefix.Length, '0');
    }

    private static string Base36(int n)
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        var chars = new Stack<char>();
        do { chars.Push(alphabet[n % 36]); n /= 36; } while (n > 0);
        return new string(chars.ToArray());
    }
}
