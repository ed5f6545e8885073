using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RenewalTools.Engine
{
    /// <summary>
    /// Append-only JSON Lines record of intents (durable before each request leaves) and outcomes, kept in an
    /// <see cref="IJournalStore"/> (a local file or an append blob). One run writes at a time; a torn last line from a
    /// killed process is ignored on the next read.
    /// </summary>
    internal sealed class RenewalJournal : IRenewalJournal, IDisposable
    {
        private readonly object _lock = new object();
        private readonly IJournalStore _store;
        private readonly Dictionary<string, JournalEntry> _entries;
        private readonly string _runId = Guid.NewGuid().ToString("N").Substring(0, 12);

        private RenewalJournal(IJournalStore store, Dictionary<string, JournalEntry> entries, int ignoredLines)
        {
            _store = store;
            _entries = entries;
            IgnoredLines = ignoredLines;
        }

        /// <summary>Where the journal lives, safe to show (a blob URL's SAS is masked).</summary>
        public string Path => _store.Location;

        /// <summary>Unreadable lines skipped while reading (a torn last line after a crash).</summary>
        public int IgnoredLines { get; }

        public IEnumerable<JournalEntry> Entries => _entries.Values;

        /// <summary>Opens (creating if needed) and reads a journal file; throws <see cref="JournalInUseException"/> if another run holds it.</summary>
        public static RenewalJournal Open(string path, string cmdlet) => Open(FileJournalStore.Open(path), cmdlet);

        /// <summary>Reads the store this run now holds and records the run's start; the journal owns the store from here.</summary>
        public static RenewalJournal Open(IJournalStore store, string cmdlet)
        {
            try
            {
                Dictionary<string, JournalEntry> entries;
                int ignored;
                using (var existing = store.ReadExisting())
                {
                    entries = JournalEntries.Read(existing, out ignored);
                }
                var journal = new RenewalJournal(store, entries, ignored);
                journal.Append(w =>
                {
                    w.WriteString("type", "run");
                    w.WriteString("run", journal._runId);
                    w.WriteString("cmdlet", cmdlet);
                    w.WriteNumber("pid", System.Diagnostics.Process.GetCurrentProcess().Id);
                }, durable: true);
                return journal;
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }

        /// <summary>Reads a journal without taking it (for summaries).</summary>
        public static IReadOnlyCollection<JournalEntry> ReadEntries(string path, out int ignoredLines)
        {
            using var reader = FileJournalStore.ReadFile(System.IO.Path.GetFullPath(path));
            return ReadEntries(reader, out ignoredLines);
        }

        /// <summary>Reads journal lines from any source (a blob's text, say) without taking the journal.</summary>
        public static IReadOnlyCollection<JournalEntry> ReadEntries(TextReader reader, out int ignoredLines) => JournalEntries.Read(reader, out ignoredLines).Values;

        public static string Key(string service, string instanceId) => service + "/" + instanceId;

        /// <summary>The renewal asked for; a journal describes one job, so a different spec for the same instance is a conflict.</summary>
        public static string SpecOf(RenewalRequest r) => string.Join(" ",
            r.ExpectedRenewDay.HasValue ? "day=" + r.ExpectedRenewDay.Value.ToString(CultureInfo.InvariantCulture) : "period=" + r.Period?.ToString(CultureInfo.InvariantCulture) + r.Unit.ToString().ToLowerInvariant(),
            "flag=" + (r.RenewFlag ?? "default"));

        /// <summary>The period and unit <see cref="SpecOf"/> wrote; nulls for an ExpectedRenewDay renewal or no spec.</summary>
        public static (int? Period, PeriodUnit? Unit) PeriodOf(string spec)
        {
            var match = Regex.Match(spec, "^period=(?<period>[0-9]+)(?<unit>[a-z]+) ", RegexOptions.CultureInvariant);
            return match.Success && Enum.TryParse<PeriodUnit>(match.Groups["unit"].Value, ignoreCase: true, out var unit)
                ? (int.Parse(match.Groups["period"].Value, CultureInfo.InvariantCulture), unit)
                : (null, null);
        }

        public JournalEntry? Lookup(string service, string instanceId)
        {
            lock (_lock)
            {
                return _entries.TryGetValue(Key(service, instanceId), out var e) ? e : null;
            }
        }

        public void RecordIntent(IReadOnlyList<RenewalRequest> batch, string service, string action, int attempt)
        {
            Append(w =>
            {
                w.WriteString("type", "intent");
                w.WriteString("run", _runId);
                w.WriteString("service", service);
                w.WriteString("action", action);
                w.WriteString("region", batch[0].Region);
                w.WriteString("spec", SpecOf(batch[0]));
                w.WriteNumber("attempt", attempt);
                w.WriteStartArray("instanceIds");
                foreach (var r in batch)
                {
                    w.WriteStringValue(r.InstanceId);
                }
                w.WriteEndArray();
                if (batch.Count == 1 && batch[0].ClientToken != null)
                {
                    w.WriteString("clientToken", batch[0].ClientToken);
                }
                if (batch.Any(r => r.PreviousExpiry.HasValue))
                {
                    w.WriteStartObject("previousExpiry");
                    foreach (var r in batch.Where(r => r.PreviousExpiry.HasValue))
                    {
                        w.WriteString(r.InstanceId, Iso(r.PreviousExpiry!.Value));
                    }
                    w.WriteEndObject();
                }
                if (batch.Any(r => r.OperationBefore != null))
                {
                    w.WriteStartObject("operationBefore");
                    foreach (var r in batch.Where(r => r.OperationBefore != null))
                    {
                        w.WriteString(r.InstanceId, r.OperationBefore);
                    }
                    w.WriteEndObject();
                }
            }, durable: true);
            lock (_lock)
            {
                foreach (var r in batch)
                {
                    JournalEntries.ApplyIntent(JournalEntries.GetOrAdd(_entries, service, r.InstanceId), r.Region, SpecOf(r), r.ClientToken, r.PreviousExpiry, r.OperationBefore, DateTimeOffset.UtcNow);
                }
            }
        }

        public void RecordOutcome(RenewalResult result)
        {
            Append(w =>
            {
                w.WriteString("type", "outcome");
                w.WriteString("run", _runId);
                w.WriteString("service", result.Service);
                w.WriteString("instanceId", result.InstanceId);
                w.WriteString("status", result.Status.ToString());
                WriteIf(w, "errorCode", result.ErrorCode);
                WriteIf(w, "requestId", result.RequestId);
                WriteIf(w, "dealId", result.DealId);
                WriteIf(w, "orderId", result.OrderId);
                WriteIf(w, "clientToken", result.ClientToken);
                WriteIf(w, "previousExpiry", result.PreviousExpiry.HasValue ? Iso(result.PreviousExpiry.Value) : null);
                WriteIf(w, "newExpiry", result.NewExpiry.HasValue ? Iso(result.NewExpiry.Value) : null);
                w.WriteNumber("attempts", result.Attempts);
            }, durable: false);
            if (result.Status == RenewalStatus.Skipped)
            {
                return;
            }
            lock (_lock)
            {
                var entry = JournalEntries.GetOrAdd(_entries, result.Service, result.InstanceId);
                JournalEntries.ApplyOutcome(entry, result.Status, result.ErrorCode, result.RequestId, result.DealId, result.OrderId, result.ClientToken, result.CompletedAt);
                entry.PreviousExpiry = result.PreviousExpiry ?? entry.PreviousExpiry;
                entry.NewExpiry = result.NewExpiry ?? entry.NewExpiry;
            }
        }

        private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public void Dispose()
        {
            _store.Dispose();
        }

        /// <summary>One line per write; intents reach the disk (fsync) or the blob before the request leaves.</summary>
        private void Append(Action<Utf8JsonWriter> body, bool durable)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("at", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
                body(w);
                w.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
            _store.Append(buffer.ToArray(), durable);
        }

        private static void WriteIf(Utf8JsonWriter w, string name, string? value)
        {
            if (value != null)
            {
                w.WriteString(name, value);
            }
        }
    }
}
