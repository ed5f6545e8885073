using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using RenewalTools.Engine;
using RenewalTools.Engine.Pipeline;
using RenewalTools.Errors;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// The pipeline-thread half of every write cmdlet: the confirmation policy, writing each input's one result (and the
    /// error record of a Failed or Unknown one), the engine's messages, a refusal of the whole run, and progress.
    /// </summary>
    internal sealed class RunWriter
    {
        private readonly PSCmdlet _cmdlet;
        private readonly string _activity;
        private readonly string _successWords;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastProgressTicks;
        private int _accepted;
        private int _written;
        private int _succeeded;
        private int _failed;

        /// <param name="successWords">How progress names the good outcomes ("renewed or submitted").</param>
        public RunWriter(PSCmdlet cmdlet, string activity, string successWords)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _successWords = successWords;
        }

        private const int ProgressId = 0x52454E;

        public bool IsWhatIf => _cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(_cmdlet.GetVariableValue("WhatIfPreference"));

        private bool ConfirmExplicitlyRequested =>
            _cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;

        /// <summary>
        /// -WhatIf always wins; -Force skips the prompt unless -Confirm was given explicitly (the AWS helper lets -Force
        /// beat -Confirm; for an operation that spends money or can let an instance expire, an explicit request to confirm
        /// is honoured). A host that cannot ask stops the run with ConfirmationRequired.
        /// </summary>
        /// <param name="why">Why confirmation is required, for that error ("Renewing charges the account").</param>
        public bool Confirm(string target, string action, bool force, string why)
        {
            if (!IsWhatIf && force && !ConfirmExplicitlyRequested)
            {
                return true;
            }
            try
            {
                return _cmdlet.ShouldProcess(target, action);
            }
            catch (Exception ex) when (ex is HostException || ex is PSInvalidOperationException || ex is NotImplementedException || ex is PSNotImplementedException)
            {
                _cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException(why + ", so confirmation is required, and this host cannot ask for it. In runbooks and scheduled tasks add -Force (or -Confirm:$false). Nothing was sent.", ex),
                    "ConfirmationRequired", ErrorCategory.PermissionDenied, target));
                return false;
            }
        }

        /// <summary>One more input went to the run.</summary>
        public void Accepted() => _accepted++;

        /// <summary>Writes what the run has queued, waiting up to <paramref name="wait"/> for the first item.</summary>
        public void WritePending(Func<TimeSpan, SessionEvent?> take, (int Answered, int Asked)? checking, TimeSpan wait, string target)
        {
            var first = true;
            while (take(first ? wait : TimeSpan.Zero) is SessionEvent item)
            {
                first = false;
                switch (item.Kind)
                {
                    case SessionEventKind.Result:
                        WriteResult(item.Result!, item.Outcome!.Value, item.Failure?.Code, item.Failure is null ? ErrorCategory.NotSpecified : Category(item.Failure.Category));
                        break;
                    case SessionEventKind.Refusal:
                        _cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(item.Text), item.Failure!.Code, Category(item.Failure.Category), target));
                        break;
                    default:
                        InstanceTargetCmdlet.WriteMessage(_cmdlet, item);
                        break;
                }
            }
            UpdateProgress(checking);
        }

        /// <summary>Writes one result; a Failed or Unknown one also writes its error record.</summary>
        public void WriteResult(object result, OutcomeKind outcome, string? code, ErrorCategory category)
        {
            _written++;
            if (outcome == OutcomeKind.Done || outcome == OutcomeKind.Submitted || outcome == OutcomeKind.Unchanged)
            {
                _succeeded++;
            }
            _cmdlet.WriteObject(result);
            if (outcome == OutcomeKind.Failed || outcome == OutcomeKind.Unknown)
            {
                _failed++;
                var r = (IWriteResult)result;
                var message = r.Service + " " + r.InstanceId + (r.Region is null ? "" : " (" + r.Region + ")") + ": " + r.StatusText + ", " + code + ". " + r.Message
                    + (r.RequestId is null ? "" : " RequestId: " + r.RequestId + ".");
                _cmdlet.WriteError(new ErrorRecord(new RenewalException(message, result), code ?? "RenewalFailed", category, result));
            }
        }

        /// <summary>Ends the progress bar of a run that accepted anything.</summary>
        public void Complete()
        {
            if (_accepted > 0)
            {
                _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        internal static ErrorCategory Category(FailureCategory category) =>
            Enum.TryParse<ErrorCategory>(category.ToString(), out var mapped) ? mapped : ErrorCategory.NotSpecified;

        private void UpdateProgress((int Answered, int Asked)? checking)
        {
            if (_accepted == 0 || _clock.ElapsedTicks - _lastProgressTicks < Stopwatch.Frequency / 4)
            {
                return;
            }
            _lastProgressTicks = _clock.ElapsedTicks;
            if (checking is (int answered, int asked))
            {
                _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _activity, QuoteCmdletBase.QuotingStatus(answered, asked, " before anything is sent")));
                return;
            }
            var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            var status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} done: {2} {3}, {4} failed or unknown, {5:0.0}/s", _written, _accepted, _succeeded, _successWords, _failed, _written / seconds);
            _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _activity, status));
        }
    }
}
