using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Engine.Pipeline;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>
    /// Settles renewals whose answer was lost (5xx, timeout, dropped connection, or a journaled attempt of an earlier run)
    /// from the cloud's own records, by <see cref="ExecutionEvidence"/>: executed → Renewed (expiry moved) or Submitted
    /// (recorded, not yet moved); recorded as failed → Failed; proven not executed → sent again by the caller; anything
    /// else → Unknown, not resent. It reads as soon as the attempt ends and decides as soon as the evidence is conclusive;
    /// absence counts only once the settle window has passed.
    /// </summary>
    internal sealed class UnansweredRenewals
    {
        private readonly RenewalApi _api;
        private readonly InstanceReads _reads;
        private readonly RenewalOrders _orders;
        private readonly RenewalOptions _options;

        public UnansweredRenewals(RenewalApi api, InstanceReads reads, RenewalOrders orders, RenewalOptions options)
        {
            _api = api;
            _reads = reads;
            _orders = orders;
            _options = options;
        }

        /// <param name="batch">Instances of one region, each with its <see cref="RenewalRequest.PreviousExpiry"/> and <see cref="WriteRequest.FirstAttemptAt"/>.</param>
        /// <param name="attemptEnded">When the last attempt ended without an answer (or the journaled intent's time).</param>
        /// <param name="cause">The failure that left it open, for Unknown results.</param>
        public async Task<List<Settled<RenewalRequest>>> SettleAsync(IReadOnlyList<RenewalRequest> batch, DateTimeOffset attemptEnded, ErrorClass cause, CancellationToken stop)
        {
            var settled = new List<Settled<RenewalRequest>>();
            var pending = batch.ToList();
            var executed = new Dictionary<RenewalRequest, string>();
            var missing = new Dictionary<RenewalRequest, string>();
            var ordersRead = new HashSet<RenewalRequest>();
            var settleAt = attemptEnded + _options.SettleWindow;
            var deadline = Max(DateTimeOffset.UtcNow + _options.WaitTimeout, settleAt + _options.PollFirst);
            await ReadPoller.PollAsync(_reads, batch[0].Region, pending, async found =>
            {
                var windowPassed = DateTimeOffset.UtcNow >= settleAt;
                var askBilling = new List<(RenewalRequest Request, CloudInstance Instance)>();
                foreach (var r in pending.ToList())
                {
                    if (found is null || !found.TryGetValue(r.InstanceId, out var instance))
                    {
                        missing[r] = found is null ? "the instance could not be read" : "the instance was not found when read back";
                        continue;
                    }
                    var evidence = ExecutionEvidence.FromInstance(_api, r, instance);
                    if (evidence?.Kind == EvidenceKind.Renewed)
                    {
                        settled.Add(Settled<RenewalRequest>.Final(r, new Outcome(OutcomeKind.Done, "No answer arrived (" + cause.Code + "), but the cloud's state shows the renewal: " + evidence.Detail + ".") { NewExpiry = evidence.NewExpiry }));
                        pending.Remove(r);
                    }
                    else if (evidence?.Kind == EvidenceKind.Failed)
                    {
                        settled.Add(Settled<RenewalRequest>.Final(r, Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.RenewalOperationFailed), "Cloud message: " + evidence.Detail + ".")));
                        pending.Remove(r);
                    }
                    else if (evidence?.Kind == EvidenceKind.Executed)
                    {
                        executed[r] = evidence.Detail;
                    }
                    else if (windowPassed && !executed.ContainsKey(r) && ordersRead.Add(r))
                    {
                        askBilling.Add((r, instance));
                    }
                }
                var lookups = await Task.WhenAll(askBilling.Select(async x => (x.Request, x.Instance, Page: await _orders.FindAsync(x.Request.InstanceId, Since(x.Request, attemptEnded), stop).ConfigureAwait(false)))).ConfigureAwait(false);
                foreach (var (r, instance, page) in lookups)
                {
                    var evidence = page is null ? null : ExecutionEvidence.FromOrders(r, page, Since(r, attemptEnded));
                    var operationUnchanged = ExecutionEvidence.OperationUnchanged(_api, r, instance);
                    switch (evidence?.Kind)
                    {
                        case EvidenceKind.Executed:
                            executed[r] = evidence.Detail;
                            break;
                        case EvidenceKind.Failed:
                            settled.Add(Settled<RenewalRequest>.Final(r, Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.RenewalOrderClosed), evidence.Detail + ".")));
                            pending.Remove(r);
                            break;
                        case EvidenceKind.Absent when _api.OperationName is null || operationUnchanged:
                        case null when operationUnchanged:
                            settled.Add(Settled<RenewalRequest>.SendAgain(r, NotExecuted(r, evidence, operationUnchanged)));
                            pending.Remove(r);
                            break;
                        default:
                            missing[r] = evidence is null ? _orders.MissingEvidence : evidence.Kind == EvidenceKind.Absent ? "its latest operation changed but billing lists no order" : evidence.Detail;
                            break;
                    }
                }
            }, deadline, waitFirst: false, now => now < settleAt && pending.Any(r => !executed.ContainsKey(r)) ? settleAt - now : (TimeSpan?)null, stop).ConfigureAwait(false);
            var waited = Seconds(_options.WaitTimeout);
            foreach (var r in pending)
            {
                settled.Add(Settled<RenewalRequest>.Final(r, executed.TryGetValue(r, out var detail)
                    ? new Outcome(OutcomeKind.Submitted, "No answer arrived (" + cause.Code + "), but " + detail + ": it executed and is not sent again; the expiry had not moved within " + waited + " s.")
                    : Outcome.Unknown(cause, "Not resent: no evidence that it did not execute (" + (missing.TryGetValue(r, out var why) ? why : "the cloud's state did not settle it") + ").")));
            }
            return settled;
        }

        /// <summary>The billing window starts at the first attempt that may have executed, less the clocks' margin.</summary>
        private static DateTimeOffset Since(RenewalRequest r, DateTimeOffset attemptEnded) =>
            (r.FirstAttemptAt ?? attemptEnded) - ExecutionEvidence.ClockMargin;

        private static string NotExecuted(RenewalRequest r, Evidence? orders, bool operationUnchanged) =>
            "the expiry is still " + ExecutionEvidence.Iso(r.PreviousExpiry)
            + (operationUnchanged ? ", the latest operation is still the one read before sending" : "")
            + (orders is null ? "" : ", " + orders.Detail);

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(CultureInfo.InvariantCulture);
    }
}
