using System;
using RenewalTools.Clients;
using RenewalTools.Engine;
using RenewalTools.Errors;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// What an earlier run recorded decides whether this one may send: done → Skipped; sent without an answer → settled
    /// from the cloud's state (the read before sending), resent with its ClientToken (ECS), resent on -ResendUnknown, or
    /// Unknown and not resent; a different renewal of the same instance → refused (a journal is one job).
    /// </summary>
    internal sealed class JournalAdmission
    {
        private readonly RenewalJournal _journal;
        private readonly RenewalApi _api;
        private readonly bool _resendUnknown;
        private readonly bool _noWait;
        private readonly RenewalCmdletBase _cmdlet;

        public JournalAdmission(RenewalJournal journal, RenewalApi api, bool resendUnknown, bool noWait, RenewalCmdletBase cmdlet)
        {
            _journal = journal;
            _api = api;
            _resendUnknown = resendUnknown;
            _noWait = noWait;
            _cmdlet = cmdlet;
        }

        /// <summary>True when the request may go on; otherwise its one result has been written.</summary>
        public bool Allows(RenewalRequest request)
        {
            var entry = _journal.Lookup(_api.Service, request.InstanceId);
            if (entry is null)
            {
                return true;
            }
            var spec = RenewalJournal.SpecOf(request);
            if (entry.Spec.Length > 0 && entry.Spec != spec)
            {
                _cmdlet.WriteJournalResult(request, RenewalStatus.Failed, "JournalConflict", entry,
                    "The journal " + _journal.Path + " records a different renewal of this instance (" + entry.Spec + "; now " + spec + "). A journal describes one renewal job: use a new journal for a new job. Nothing was sent.");
                return false;
            }
            if (entry.Done)
            {
                _cmdlet.WriteJournalResult(request, RenewalStatus.Skipped, null, entry, "Already " + entry.Status!.Value.ToString().ToLowerInvariant() + " by an earlier run (journal " + _journal.Path + "); not sent again.");
                return false;
            }
            // The recorded token names the renewal an earlier run sent, whatever its outcome: a token derived anew (its key
            // is the UTC date by default) would make tomorrow's rerun a second order.
            if (_api.ResendIsHarmless && entry.ClientToken != null)
            {
                request.ClientToken = entry.ClientToken;
            }
            if (!entry.MayHaveExecuted)
            {
                return true;
            }
            request.EarlierAttemptMayHaveExecuted = true;
            request.PreviousExpiry = entry.PreviousExpiry;
            request.EarlierAttemptAt = entry.At;
            request.FirstAttemptAt = entry.IntentAt ?? entry.At;
            request.OperationBefore = entry.OperationBefore;
            if (entry.PreviousExpiry.HasValue && !_resendUnknown && !_noWait)
            {
                // The read before sending compares the cloud's expiry with the one journaled before the attempt.
                request.SettleEarlierAttempt = true;
                _cmdlet.WriteVerbose(request.InstanceId + ": an earlier run sent it without a final answer; settling it from the cloud's state.");
                return true;
            }
            if (_api.ResendIsHarmless && entry.ClientToken != null)
            {
                _cmdlet.WriteVerbose(request.InstanceId + ": an earlier run sent it without a final answer; resending with the same ClientToken, which cannot charge twice.");
                return true;
            }
            if (_resendUnknown)
            {
                _cmdlet.WriteWarning(request.InstanceId + ": an earlier run sent it without a final answer; resending because -ResendUnknown was given. If that request executed, this renews it twice.");
                return true;
            }
            _cmdlet.WriteJournalResult(request, RenewalStatus.Unknown, TransportCodes.PreviousRunUnknown, entry,
                "An earlier run sent this renewal and recorded no final answer, so it may have executed. Not resent: check the instance's expiry in the console, then rerun with -ResendUnknown only if it was not renewed.");
            return false;
        }
    }
}
