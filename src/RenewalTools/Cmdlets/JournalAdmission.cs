using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Engine;
using RenewalTools.Errors;
using RenewalTools.Storage;

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

        /// <summary>Opens the journal a run names (a file, or a blob on shared storage), or stops the run with a clear error.</summary>
        public static RenewalJournal? Open(PSCmdlet cmdlet, string? path, BlobPlace? shared, Action<string> lost)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                return null;
            }
            try
            {
                var journal = shared != null && shared.HoldsJournal
                    ? RenewalJournal.Open(BlobJournalStore.Open(shared.Client(), lost), cmdlet.MyInvocation.MyCommand.Name)
                    : RenewalJournal.Open(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), cmdlet.MyInvocation.MyCommand.Name);
                cmdlet.WriteVerbose("Journal " + journal.Path + ": " + journal.Entries.Count(e => e.Done) + " instance(s) already done" + (journal.IgnoredLines > 0 ? ", " + journal.IgnoredLines + " unreadable line(s) ignored (a torn write from a stopped run)" : "") + ".");
                return journal;
            }
            catch (JournalInUseException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "JournalInUse", ErrorCategory.ResourceBusy, SasRedaction.Redact(path)));
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "JournalUnavailable", ErrorCategory.WriteError, SasRedaction.Redact(path)));
                throw;
            }
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
