using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The journal's entries, one per instance: how an intent and an outcome change one, whether the run records
    /// it now (<see cref="RenewalJournal"/>) or a later run replays the lines (<see cref="Read"/>).
    /// </summary>
    internal static class JournalEntries
    {
        /// <summary>Sent, no answer yet: the entry may have executed until an outcome says otherwise.</summary>
        public static void ApplyIntent(JournalEntry entry, string? region, string spec, string? clientToken, DateTimeOffset? previousExpiry, string? operationBefore, DateTimeOffset? at)
        {
            // An intent after a conclusive outcome starts a new attempt; after an open one it is a resend of the same.
            if (!entry.MayHaveExecuted || entry.IntentAt is null)
            {
                entry.IntentAt = at;
                entry.OperationBefore = operationBefore;
            }
            entry.Region = region;
            entry.Spec = spec;
            entry.Status = null;
            entry.ClientToken = clientToken ?? entry.ClientToken;
            entry.PreviousExpiry = previousExpiry ?? entry.PreviousExpiry;
            entry.At = at;
        }

        public static void ApplyOutcome(JournalEntry entry, RenewalStatus status, string? errorCode, string? requestId, string? dealId, string? orderId, string? clientToken, DateTimeOffset at)
        {
            entry.Status = status;
            entry.ErrorCode = errorCode;
            entry.RequestId = requestId ?? entry.RequestId;
            entry.DealId = dealId ?? entry.DealId;
            entry.OrderId = orderId ?? entry.OrderId;
            entry.ClientToken = clientToken ?? entry.ClientToken;
            entry.At = at;
        }

        public static Dictionary<string, JournalEntry> Read(TextReader reader, out int ignored)
        {
            ignored = 0;
            var entries = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    ApplyLine(entries, doc.RootElement);
                }
                catch (JsonException)
                {
                    // A process killed mid-write leaves a torn line: skip it, never fail the rerun over it.
                    ignored++;
                }
            }
            return entries;
        }

        private static void ApplyLine(Dictionary<string, JournalEntry> entries, JsonElement line)
        {
            var type = Text(line, "type");
            var service = Text(line, "service");
            if (service is null)
            {
                return;
            }
            var at = DateTimeOffset.TryParse(Text(line, "at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
            if (type == "intent" && line.TryGetProperty("instanceIds", out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                var previous = line.TryGetProperty("previousExpiry", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
                var operations = line.TryGetProperty("operationBefore", out var o) && o.ValueKind == JsonValueKind.Object ? o : (JsonElement?)null;
                foreach (var id in ids.EnumerateArray())
                {
                    var instanceId = id.GetString() ?? "";
                    ApplyIntent(GetOrAdd(entries, service, instanceId), Text(line, "region"), Text(line, "spec") ?? "", Text(line, "clientToken"), previous.HasValue ? Time(Text(previous.Value, instanceId)) : null, operations.HasValue ? Text(operations.Value, instanceId) : null, at);
                }
            }
            // Skipped means "not sent this time": it settles nothing.
            else if (type == "outcome" && Enum.TryParse<RenewalStatus>(Text(line, "status"), out var status) && status != RenewalStatus.Skipped)
            {
                var entry = GetOrAdd(entries, service, Text(line, "instanceId") ?? "");
                ApplyOutcome(entry, status, Text(line, "errorCode"), Text(line, "requestId"), Text(line, "dealId"), Text(line, "orderId"), Text(line, "clientToken"), at ?? DateTimeOffset.UtcNow);
                entry.PreviousExpiry = Time(Text(line, "previousExpiry")) ?? entry.PreviousExpiry;
                entry.NewExpiry = Time(Text(line, "newExpiry")) ?? entry.NewExpiry;
            }
        }

        public static JournalEntry GetOrAdd(Dictionary<string, JournalEntry> entries, string service, string instanceId)
        {
            var key = RenewalJournal.Key(service, instanceId);
            if (!entries.TryGetValue(key, out var entry))
            {
                entry = new JournalEntry { Service = service, InstanceId = instanceId };
                entries[key] = entry;
            }
            return entry;
        }

        private static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static DateTimeOffset? Time(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
    }
}
