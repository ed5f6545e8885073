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
    /// Setting the auto-renew policy, as a write action: read first (instances already at the policy are Unchanged and not
    /// sent; unknown or postpaid ones are refused), send, and verify by reading the policy back. A lost answer is simply
    /// sent again (the API is idempotent); when the retries run out, the read-back decides.
    /// </summary>
    internal sealed class AutoRenewAction : WriteAction<AutoRenewRequest>
    {
        private readonly AutoRenewApi _api;

        public AutoRenewAction(AutoRenewApi api, InstanceReads reads, RenewalOptions options)
            : base(api, reads, options)
        {
            _api = api;
        }

        public override string Effect => "changed";

        public override bool ReadsBefore(AutoRenewRequest request) => true;

        public override string PreReadFailed(string region, CloudReadException failure) =>
            "Could not read the " + _api.Service + " instances in " + region + " before setting their auto-renew policy (" + failure.Failure.Code + ": " + failure.Message + "). The policy is sent without the check; setting it again is harmless.";

        public override Admission Admit(AutoRenewRequest r, CloudInstance? instance, bool read)
        {
            if (!read)
            {
                return Admission.Send;
            }
            if (instance is null)
            {
                return Admission.End(Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.InstanceNotFound), "No " + _api.Service + " instance " + r.InstanceId + " in " + r.Region + " (read before sending). Nothing was sent."));
            }
            r.Before = instance;
            r.PreviousPolicy = instance.AutoRenew;
            if (!instance.IsPrepaid)
            {
                return Admission.End(Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.NotPrepaid), "The cloud reports the instance as " + instance.ChargeType + " (read before sending): only prepaid instances have an auto-renew policy. Nothing was sent."));
            }
            if (instance.OperationRunning)
            {
                // CVM refuses a change while any operation runs, and a policy change still running (an earlier run's,
                // perhaps this very one) decides what the flag will be: wait for it, then judge (SettleEarlierAsync).
                return Admission.SettleFirst;
            }
            if (_api.Shows(r, instance))
            {
                return Admission.End(new Outcome(OutcomeKind.Unchanged, "Already " + r.Policy + " (read before sending); nothing was sent.") { Instance = instance });
            }
            return Admission.Send;
        }

        /// <summary>
        /// Waits (up to -WaitTimeoutSec) for the operation running on the instance to finish, then admits it again from that
        /// read (Unchanged, refused, or sent). Stopped meanwhile: Skipped, nothing sent.
        /// </summary>
        public override async Task<IReadOnlyList<Settled<AutoRenewRequest>>> SettleEarlierAsync(IReadOnlyList<AutoRenewRequest> waiting, CancellationToken stop)
        {
            var settled = new List<Settled<AutoRenewRequest>>();
            var pending = waiting.ToList();
            await ReadPoller.PollAsync(Reads!, waiting[0].Region, pending, found =>
            {
                foreach (var r in pending.ToList())
                {
                    if (found != null && found.TryGetValue(r.InstanceId, out var instance) && !instance.OperationRunning)
                    {
                        var admission = Admit(r, instance, read: true);
                        settled.Add(admission.Kind == AdmissionKind.End
                            ? Settled<AutoRenewRequest>.Final(r, admission.Outcome!.WithContext("Read again once the operation that was running (" + instance.LatestOperation + ") finished:"))
                            : Settled<AutoRenewRequest>.SendAgain(r, "the operation that was running finished and the policy is " + (instance.AutoRenew?.ToString() ?? "unknown")));
                        pending.Remove(r);
                    }
                }
                return Task.CompletedTask;
            }, DateTimeOffset.UtcNow + Options.WaitTimeout, waitFirst: true, null, stop).ConfigureAwait(false);
            settled.AddRange(pending.Select(r => Settled<AutoRenewRequest>.Final(r, stop.IsCancellationRequested
                ? Outcome.Skipped("Not sent: the run was stopped while an operation on the instance was still running.", RunScope<AutoRenewRequest>.StoppedCode)
                : Outcome.Failed(_api.Errors.Classify("OperationDenied.InstanceOperationInProgress", 400), "An operation was still running on the instance after " + Options.WaitTimeout.TotalSeconds + " s (read before sending); nothing was sent."))));
            return settled;
        }

        /// <summary>
        /// After the retries of a lost answer run out, or a refusal that follows one (CVM refuses a change while the first
        /// still runs), the policy read back decides: as asked → Changed; not shown in time → Unknown. A policy that does
        /// not show is no evidence that nothing executed (the change may still be running), so it is never "sent again".
        /// </summary>
        public override bool CanSettle(IReadOnlyList<AutoRenewRequest> batch) => Options.ReadBack;

        public override async Task<IReadOnlyList<Settled<AutoRenewRequest>>> SettleAsync(IReadOnlyList<AutoRenewRequest> batch, ErrorClass cause, DateTimeOffset attemptEnded, CancellationToken stop)
        {
            var settled = new List<Settled<AutoRenewRequest>>();
            var pending = batch.ToList();
            await ReadPoller.PollAsync(Reads!, batch[0].Region, pending, found =>
            {
                foreach (var r in pending.ToList())
                {
                    if (found != null && found.TryGetValue(r.InstanceId, out var instance) && _api.Shows(r, instance) && !PolicyChangeRunning(instance))
                    {
                        settled.Add(Settled<AutoRenewRequest>.Final(r, new Outcome(OutcomeKind.Done, "No answer arrived (" + cause.Code + "), but the policy reads back as asked.") { Instance = instance }));
                        pending.Remove(r);
                    }
                }
                return Task.CompletedTask;
            }, DateTimeOffset.UtcNow + Options.WaitTimeout, waitFirst: false, null, stop).ConfigureAwait(false);
            settled.AddRange(pending.Select(r => Settled<AutoRenewRequest>.Final(r, Outcome.Unknown(cause, "The policy did not read back as " + r.Policy + " within " + Options.WaitTimeout.TotalSeconds + " s. Rerun to check: setting it again is harmless."))));
            return settled;
        }

        public override bool CanVerify(IReadOnlyList<AutoRenewRequest> batch) => Options.ReadBack;

        /// <summary>
        /// Changed once the policy reads back as asked and no policy change of this instance is still running: CVM applies it
        /// asynchronously and shows the flag only when its operation is done (doc 213/15752). A FAILED operation of this
        /// request is Failed.
        /// </summary>
        public override Outcome? Verify(AutoRenewRequest r, CloudInstance instance, ApiAnswer answer)
        {
            var ours = answer.RequestId != null && instance.LatestOperationRequestId == answer.RequestId;
            if (ours && instance.OperationFailed)
            {
                return Outcome.Failed(ErrorCatalog.Reads.Classify(ReadCodes.PolicyOperationFailed), "Cloud message: " + instance.LatestOperationError, answer);
            }
            return _api.Shows(r, instance) && !PolicyChangeRunning(instance) ? new Outcome(OutcomeKind.Done, null, null, answer) { Instance = instance } : null;
        }

        public override Outcome Accepted(AutoRenewRequest r, ApiAnswer answer, bool readBack) => new Outcome(OutcomeKind.Submitted, readBack
            ? "Accepted; the policy did not read back as " + r.Policy + " within " + Options.WaitTimeout.TotalSeconds + " s."
            : "Accepted; not read back.", null, answer);

        public override string? NotShownWarning(ApiAnswer answer) =>
            "Some " + _api.Service + " policy changes were accepted but did not read back within " + Options.WaitTimeout.TotalSeconds + " s; they are reported as Submitted. Check them later with " + CommandNames.GetInstance(_api.Service) + ".";

        public override object Result(AutoRenewRequest r, Outcome outcome)
        {
            var failure = outcome.Failure;
            var after = outcome.Instance ?? r.Before;
            return new AutoRenewResult
            {
                Service = _api.Service,
                Action = _api.Action,
                InstanceId = r.InstanceId,
                Region = r.Region.Length == 0 ? null : r.Region,
                Status = StatusOf(outcome.Kind),
                PreviousPolicy = r.PreviousPolicy,
                Policy = r.Policy,
                // The period asked for, else (ECS) the one the cloud reads back, which a default may have set.
                Duration = r.Duration ?? outcome.Instance?.AutoRenewDuration,
                PeriodUnit = r.Duration.HasValue ? r.PeriodUnit ?? AutoRenewApi.DefaultPeriodUnit : outcome.Instance?.AutoRenewPeriodUnit,
                CurrentPolicy = outcome.Instance?.AutoRenew,
                ExpiresAt = after?.ExpiresAt,
                ErrorCode = failure?.Code ?? outcome.Code,
                ErrorClass = failure?.Kind.ToString(),
                Message = failure is null ? outcome.Message : BatchSender<AutoRenewRequest>.Join(failure.Meaning, outcome.Message),
                RequestId = outcome.Answer?.RequestId,
                Attempts = r.Attempts,
                CompletedAt = DateTimeOffset.UtcNow,
            };
        }

        /// <summary>CVM: a policy change (ModifyInstancesRenewFlag) still OPERATING; the flag it sets is not visible yet.</summary>
        private bool PolicyChangeRunning(CloudInstance instance) => instance.OperationRunning && instance.LatestOperation == _api.Action;

        internal static AutoRenewStatus StatusOf(OutcomeKind kind) => kind switch
        {
            OutcomeKind.Done => AutoRenewStatus.Changed,
            OutcomeKind.Unchanged => AutoRenewStatus.Unchanged,
            OutcomeKind.Submitted => AutoRenewStatus.Submitted,
            OutcomeKind.Failed => AutoRenewStatus.Failed,
            OutcomeKind.Unknown => AutoRenewStatus.Unknown,
            _ => AutoRenewStatus.Skipped,
        };
    }
}
