using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Engine.Pipeline;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The renewal, as a write action: what the read before sending decides (not found, not prepaid, not due, in
    /// progress, the auto-renew flag to keep, a journaled attempt to settle), when a renewal shows (the expiry moved),
    /// the evidence a lost answer needs before a resend (<see cref="UnansweredRenewals"/>), the journal, the spend gate
    /// and the <see cref="RenewalResult"/>.
    /// </summary>
    internal sealed class RenewalAction : WriteAction<RenewalRequest>
    {
        private readonly RenewalApi _api;
        private readonly IRenewalJournal? _journal;
        private readonly UnansweredRenewals? _unanswered;

        /// <param name="reads">The product's describe read; null: nothing is read before or after (-NoWait where no flag must be kept).</param>
        /// <param name="gate">The spend gate (quotes, cap, balance), or null.</param>
        public RenewalAction(RenewalApi api, InstanceReads? reads, RenewalOrders? orders, RenewalOptions options, IRenewalJournal? journal, IPreSendGate<RenewalRequest>? gate)
            : base(api, reads, options)
        {
            _api = api;
            _journal = journal;
            Gate = gate;
            // ECS needs no evidence: its ClientToken makes a resend the same order.
            _unanswered = reads is null || orders is null || api.ResendIsHarmless || !api.ListsOrders ? null : new UnansweredRenewals(api, reads, orders, options);
        }

        public override string Effect => "renewed";

        public override IPreSendGate<RenewalRequest>? Gate { get; }

        /// <summary>-NoWait reads before sending only what must keep the instance's own auto-renew flag.</summary>
        public override bool ReadsBefore(RenewalRequest request) => Options.ReadBack || KeepsRenewFlag(request);

        public override string PreReadFailed(string region, CloudReadException failure) =>
            "Could not read the " + _api.Service + " instances in " + region + " before renewing (" + failure.Failure.Code + ": " + failure.Message + "). They are renewed without the check, and their renewals cannot be confirmed from the cloud's state.";

        /// <summary>
        /// Before any money is spent: refuses what the cloud does not know, does not bill monthly, is already being renewed,
        /// or (with the guard) is not due; notes the expiry each renewal is checked against, the flag it keeps and CVM's
        /// latest operation (the evidence base if an answer is lost); a journaled unanswered attempt is settled first.
        /// </summary>
        public override Admission Admit(RenewalRequest r, CloudInstance? instance, bool read)
        {
            if (!read)
            {
                if (Options.OnlyIfExpiringWithinDays.HasValue)
                {
                    return Admission.End(Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.PreReadFailed), "-OnlyIfExpiringWithinDays needs it. Nothing was sent."));
                }
                if (r.SettleEarlierAttempt && !_api.ResendIsHarmless)
                {
                    return Admission.End(Outcome.Unknown(ErrorCatalog.Transport.Classify(TransportCodes.PreviousRunUnknown), "Its expiry could not be read to settle it. Not resent."));
                }
                if (KeepsRenewFlag(r))
                {
                    return RefuseUnsent(r, ReadCodes.RenewFlagUnknown, "Nothing was sent. Rerun when the instance can be read, or give -RenewFlag (or a RenewFlag column) to set the flag explicitly.");
                }
                r.PreviousExpiry = null;
                return Admission.Send;
            }
            if (instance is null)
            {
                return Admission.End(Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.InstanceNotFound), "No " + _api.Service + " instance " + r.InstanceId + " in " + r.Region + " (read before sending). Nothing was sent."));
            }
            if (!instance.IsPrepaid)
            {
                return Admission.End(Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.NotPrepaid), "The cloud reports the instance as " + instance.ChargeType + " (read before sending). Nothing was sent."));
            }
            if (KeepsRenewFlag(r))
            {
                if (instance.AutoRenewFlag is null)
                {
                    return RefuseUnsent(r, ReadCodes.RenewFlagUnknown, "The cloud's answer names no auto-renew flag for it. Nothing was sent; give -RenewFlag (or a RenewFlag column) to set the flag explicitly.");
                }
                r.CurrentRenewFlag = instance.AutoRenewFlag;
            }
            if (r.SettleEarlierAttempt && _api.ResendIsHarmless && ExecutionEvidence.Moved(r, instance.ExpiresAt))
            {
                return Admission.End(new Outcome(OutcomeKind.Done, "Renewed by an earlier run whose answer was lost: the expiry moved from " + ExecutionEvidence.Iso(r.PreviousExpiry) + " to " + ExecutionEvidence.Iso(instance.ExpiresAt) + ". Not sent again.") { NewExpiry = instance.ExpiresAt });
            }
            if (r.SettleEarlierAttempt && !_api.ResendIsHarmless && _unanswered != null)
            {
                // Settled from the expiry and the operation its journal recorded, not from this read.
                return Admission.SettleFirst;
            }
            if (ExecutionEvidence.IsRenewalInProgress(instance))
            {
                return Admission.End(Outcome.Skipped("A renewal of this instance is in progress (RequestId " + instance.LatestOperationRequestId + "), perhaps by another run; not sent again.", ReadCodes.RenewalInProgress));
            }
            if (Options.OnlyIfExpiringWithinDays is int days && !(instance.ExpiresAt <= DateTimeOffset.UtcNow.AddDays(days)))
            {
                return Admission.End(Outcome.Skipped("Not due: expires in " + instance.DaysLeft + " days (" + ExecutionEvidence.Iso(instance.ExpiresAt) + "), beyond -OnlyIfExpiringWithinDays " + days + ". Not sent.", ReadCodes.NotDue));
            }
            if (!r.SettleEarlierAttempt || _api.ResendIsHarmless)
            {
                r.PreviousExpiry = instance.ExpiresAt;
                r.OperationBefore = instance.LatestOperationRequestId ?? "";
            }
            return Admission.Send;
        }

        public override async Task<IReadOnlyList<Settled<RenewalRequest>>> SettleEarlierAsync(IReadOnlyList<RenewalRequest> journaled, CancellationToken stop)
        {
            var all = new List<Settled<RenewalRequest>>();
            var cause = ErrorCatalog.Transport.Classify(TransportCodes.PreviousRunUnknown);
            foreach (var attempt in journaled.GroupBy(r => r.EarlierAttemptAt ?? DateTimeOffset.UtcNow))
            {
                foreach (var s in await _unanswered!.SettleAsync(attempt.ToList(), attempt.Key, cause, stop).ConfigureAwait(false))
                {
                    if (s.Outcome is null)
                    {
                        s.Request.EarlierAttemptMayHaveExecuted = false;
                        s.Request.SettleEarlierAttempt = false;
                        all.Add(s);
                    }
                    else
                    {
                        all.Add(s.Outcome.Kind == OutcomeKind.Unknown ? Settled<RenewalRequest>.Final(s.Request, s.Outcome.WithContext("An earlier run sent this renewal and recorded no final answer.")) : s);
                    }
                }
            }
            return all;
        }

        /// <summary>Unanswered attempts are settled from the cloud's records where the expiry was read before sending.</summary>
        public override bool CanSettle(IReadOnlyList<RenewalRequest> batch) => Options.ReadBack && _unanswered != null && batch.All(r => r.PreviousExpiry.HasValue);

        public override async Task<IReadOnlyList<Settled<RenewalRequest>>> SettleAsync(IReadOnlyList<RenewalRequest> batch, ErrorClass cause, DateTimeOffset attemptEnded, CancellationToken stop) =>
            await _unanswered!.SettleAsync(batch, attemptEnded, cause, stop).ConfigureAwait(false);

        public override bool CanVerify(IReadOnlyList<RenewalRequest> batch) => Options.ReadBack && Reads != null && batch.All(r => r.PreviousExpiry.HasValue);

        /// <summary>
        /// An answer that names the order (ECS OrderId, a legacy deal) is itself the proof: one read gives NewExpiry, and an
        /// unchanged expiry there is an earlier order replayed by its ClientToken, not a renewal to wait for.
        /// </summary>
        public override TimeSpan VerifyFor(ApiAnswer answer) => OrderConfirmed ? TimeSpan.Zero : Options.WaitTimeout;

        /// <summary>Renewed once the expiry moved by the period; Failed when this request's CVM operation FAILED.</summary>
        public override Outcome? Verify(RenewalRequest r, CloudInstance instance, ApiAnswer answer)
        {
            if (answer.RequestId != null && instance.LatestOperationRequestId == answer.RequestId && instance.OperationFailed)
            {
                return Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.RenewalOperationFailed), "Cloud message: " + instance.LatestOperationError, answer);
            }
            return ExecutionEvidence.Moved(r, instance.ExpiresAt) ? new Outcome(OutcomeKind.Done, null, null, answer) { NewExpiry = instance.ExpiresAt } : null;
        }

        public override Outcome Accepted(RenewalRequest r, ApiAnswer answer, bool readBack)
        {
            var kind = _api.SuccessStatus == RenewalStatus.Renewed ? OutcomeKind.Done : OutcomeKind.Submitted;
            if (!readBack)
            {
                return new Outcome(kind, null, null, answer);
            }
            return new Outcome(kind, OrderConfirmed
                ? "The cloud confirmed the order; the expiry read back had not moved (an earlier order with the same ClientToken, or not applied yet)."
                : "Accepted; the expiry had not moved within " + Options.WaitTimeout.TotalSeconds + " s, so the renewal is not confirmed yet.", null, answer);
        }

        public override string? NotShownWarning(ApiAnswer answer) => OrderConfirmed ? null
            : "Some " + _api.Service + " renewals were accepted but their expiry had not moved within " + Options.WaitTimeout.TotalSeconds + " s; they are reported as " + _api.SuccessStatus + ". Check them later with " + CommandNames.GetInstance(_api.Service) + ".";

        public override void RecordIntent(IReadOnlyList<RenewalRequest> batch, int attempt) => _journal?.RecordIntent(batch, _api.Service, _api.Action, attempt);

        public override object Result(RenewalRequest r, Outcome outcome)
        {
            var failure = outcome.Failure;
            var result = new RenewalResult
            {
                Service = _api.Service,
                Action = _api.Action,
                InstanceId = r.InstanceId,
                Region = r.Region,
                Period = r.ReportedPeriod,
                PeriodUnit = r.ReportedUnit,
                Status = StatusOf(outcome.Kind),
                ErrorCode = failure?.Code ?? outcome.Code,
                ErrorClass = failure?.Kind.ToString(),
                Message = failure is null ? outcome.Message : BatchSender<RenewalRequest>.Join(failure.Meaning, outcome.Message),
                RequestId = outcome.Answer?.RequestId,
                DealId = outcome.Answer?.DealId,
                OrderId = outcome.Answer?.OrderId,
                Attempts = r.Attempts,
                ClientToken = r.ClientToken,
                PreviousExpiry = r.PreviousExpiry,
                NewExpiry = outcome.NewExpiry,
                Price = r.Price,
                Currency = r.Currency,
                CompletedAt = DateTimeOffset.UtcNow,
            };
            _journal?.RecordOutcome(result);
            return result;
        }

        private bool OrderConfirmed => _api.SuccessStatus == RenewalStatus.Renewed;

        /// <summary>The renewal must carry the instance's current auto-renew flag: its API applies a default when none is sent.</summary>
        private bool KeepsRenewFlag(RenewalRequest r) => _api.CarriesRenewFlag && r.RenewFlag is null;

        /// <summary>Refused before sending: Failed, unless an earlier run's attempt may have executed (then Unknown: Failed would invite a rerun to charge again).</summary>
        private static Admission RefuseUnsent(RenewalRequest r, string code, string message) => Admission.End(r.EarlierAttemptMayHaveExecuted
            ? Outcome.Unknown(ErrorCatalog.Transport.Classify(TransportCodes.PreviousRunUnknown), ErrorCatalog.Reads.Classify(code).Meaning + " " + message)
            : Outcome.Failed(ErrorCatalog.Reads.Classify(code), message));

        private static RenewalStatus StatusOf(OutcomeKind kind) => kind switch
        {
            OutcomeKind.Done => RenewalStatus.Renewed,
            OutcomeKind.Submitted => RenewalStatus.Submitted,
            OutcomeKind.Failed => RenewalStatus.Failed,
            OutcomeKind.Unknown => RenewalStatus.Unknown,
            _ => RenewalStatus.Skipped,
        };
    }
}
