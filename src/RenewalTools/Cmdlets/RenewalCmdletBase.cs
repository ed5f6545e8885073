using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Runtime.InteropServices;
using RenewalTools.Clients;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Errors;
using RenewalTools.Transport;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// Everything the three renewal cmdlets share: binding of the common parameters, the confirmation policy,
    /// input checks, credentials, and writing the engine's results and messages on the pipeline thread.
    /// A derived cmdlet only declares its own parameters, picks the API and fills the API-specific fields.
    /// </summary>
    public abstract class RenewalCmdletBase : CloudCmdletBase, IDisposable
    {
        // Instance ID -> its batch key, for the run-wide duplicate check: the one per-instance cost that grows with input
        // (about 100 bytes an instance); keys are shared so rows with the same settings store one string.
        private readonly Dictionary<string, string> _seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _batchKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Stopwatch _clock = new Stopwatch();
        private RenewalApi? _api;
        private CloudCredential? _credential;
        private RenewalSession? _session;
        private RenewalJournal? _journal;
        private RunLock? _runLock;
        private long _lastProgressTicks;
        private int _accepted;
        private int _written;
        private int _succeeded;
        private int _failed;

        internal const string ByIdSet = "ById";
        internal const string ByInputSet = "ByInput";

        /// <summary>Instance IDs to renew, given on the command line.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet)]
        [Alias("Id", "InstanceIds")]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string?[] InstanceId { get; set; } = Array.Empty<string>();

        /// <summary>
        /// What the pipeline sends: instance ID strings, CSV rows (Import-Csv) or objects with an InstanceId property. The
        /// cmdlet reads each row's own InstanceId/Id/InstanceIds, Region/RegionId, Period and the cmdlet's other settings.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputSet)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The instances' region, for rows without a Region column.</summary>
        [Parameter]
        [Alias("RegionId")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>Renewal length (months unless -PeriodUnit says otherwise), for rows without a Period column.</summary>
        [Parameter]
        [WholeNumber]
        public int? Period { get; set; }

        /// <summary>Renews without asking; an explicit -Confirm still asks and -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// Append-only record of every request's intent and outcome; a rerun with the same journal skips what is done and
        /// never resends what may have executed. Default: the RENEWALTOOLS_JOURNAL environment variable.
        /// </summary>
        [Parameter]
        public string? JournalPath { get; set; }

        /// <summary>Do not read the cloud before or after sending: results stay Submitted (Tencent), Unknown is not resolved.</summary>
        [Parameter]
        public SwitchParameter NoWait { get; set; }

        /// <summary>How long to read the cloud back for each renewal (and to settle one that may have executed).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int WaitTimeoutSec { get; set; } = 120;

        /// <summary>Renew only instances whose expiry, read before sending, is at most this many days away; the others are Skipped.</summary>
        [Parameter]
        [ValidateRange(0, 3650)]
        public int? OnlyIfExpiringWithinDays { get; set; }

        /// <summary>Resend instances the journal records as sent without an answer (may charge twice on Tencent).</summary>
        [Parameter]
        public SwitchParameter ResendUnknown { get; set; }

        /// <summary>The product's describe read, for the read before sending and the read back after.</summary>
        internal abstract RenewalTools.Clients.InstanceReader CreateReader();

        /// <summary>The API the bound parameters select (called once, in BeginProcessing).</summary>
        internal abstract RenewalApi CreateApi();

        /// <summary>Fills the API-specific fields of one request from the row and the command line (see <see cref="TrySetting"/>).</summary>
        internal abstract void Describe(RenewalRequest request, InputRow row);

        protected override void BeginProcessing()
        {
            _clock.Start();
            CheckEndpoint();
            if (NoWait.IsPresent && OnlyIfExpiringWithinDays.HasValue)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-OnlyIfExpiringWithinDays decides from the cloud's expiry, read before sending; -NoWait turns those reads off. Give one of them."), "NoWaitWithExpiryGuard", ErrorCategory.InvalidArgument, null));
            }
            _api = CreateApi();
            if (!IsWhatIf)
            {
                _credential = ResolveCredential();
                _runLock = TakeRunLock(_credential);
                _journal = OpenJournal();
            }
        }

        private RunLock TakeRunLock(CloudCredential credential)
        {
            try
            {
                return RunLock.Take(_api!.Service, credential.Id, Endpoint);
            }
            catch (RunLockBusyException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "RunInProgress", ErrorCategory.ResourceBusy, _api!.Service));
                throw;
            }
        }

        protected override void ProcessRecord()
        {
            // A piped $null is still one input, and gets its error.
            var rows = ParameterSetName == ByInputSet
                ? InputRow.From(InputObject)
                : (InstanceId ?? new string?[] { null }).Select(InputRow.ForId);
            foreach (var row in rows)
            {
                ProcessOne(row);
            }
        }

        protected override void EndProcessing()
        {
            if (_session != null)
            {
                _session.Flush();
                while (_session.Outstanding > 0)
                {
                    WritePending(TimeSpan.FromMilliseconds(200));
                }
                WritePending(TimeSpan.Zero);
            }
            _journal?.Dispose();
            _journal = null;
            _runLock?.Dispose();
            _runLock = null;
            if (_accepted > 0)
            {
                WriteProgress(new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        protected override void StopProcessing() => _session?.Stop();

        public void Dispose()
        {
            _session?.Dispose();
            _journal?.Dispose();
            _runLock?.Dispose();
            GC.SuppressFinalize(this);
        }

        private void ProcessOne(InputRow row)
        {
            var api = _api!;
            var instanceId = InputRules.TrimPadding(row.Id);
            if ((row.IdProblem ?? InputRules.CheckInstanceId(instanceId)) is string idProblem)
            {
                WriteInputError(instanceId ?? "", "InvalidInput", idProblem, null);
                return;
            }
            var region = TrySetting<string>(row, nameof(Region), InputRules.ParseText, out var given, RegionColumns) && given.Length > 0 ? given : Resolver.DefaultRegion(Provider);
            var request = new RenewalRequest(instanceId!, region ?? "");
            if (TrySetting<int>(row, nameof(Period), InputRules.ParseWholeNumber, out var period))
            {
                request.Period = period;
            }
            Describe(request, row);
            if (row.Problem != null)
            {
                WriteInputError(request.InstanceId, row.ProblemCode, row.Problem, request);
                return;
            }
            var problem = InputRules.CheckRegion(region, RegionVariable) ?? api.CheckRequest(request);
            if (problem != null)
            {
                WriteInputError(request.InstanceId, "InvalidInput", problem, request);
                return;
            }
            if (api.IdShapeWarning(request.InstanceId) is string warning)
            {
                WriteWarning(warning);
            }
            var batchKey = api.BatchKey(request);
            if (_batchKeys.TryGetValue(batchKey, out var shared))
            {
                batchKey = shared;
            }
            else
            {
                _batchKeys[batchKey] = batchKey;
            }
            if (_seen.TryGetValue(request.InstanceId, out var earlierKey))
            {
                WriteDuplicate(request, sameRenewal: earlierKey == batchKey);
                return;
            }
            if (!JournalAllows(request))
            {
                return;
            }
            if (!Confirm(request))
            {
                return;
            }
            _seen[request.InstanceId] = batchKey;
            _accepted++;
            Session.Enqueue(request);
            WritePending(TimeSpan.Zero);
            // Backpressure: piping 100,000 rows must not queue 100,000 requests.
            // (at least a few read groups of 100, or the read before sending would wait for a group that never fills)
            while (Session.Outstanding > Math.Max(ThrottleLimit * api.MaxBatchSize, InstanceReader.PageSize) * 4)
            {
                WritePending(TimeSpan.FromMilliseconds(200));
            }
        }

        private RenewalSession Session => _session ??= new RenewalSession(
            _api!,
            _credential ?? throw new InvalidOperationException("Credentials were not resolved."),
            Endpoint,
            new RenewalOptions
            {
                ThrottleLimit = ThrottleLimit,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                WaitTimeout = TimeSpan.FromSeconds(WaitTimeoutSec),
                OnlyIfExpiringWithinDays = OnlyIfExpiringWithinDays,
            },
            _journal,
            NoWait.IsPresent ? null : CreateReader());

        private bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        private bool ConfirmExplicitlyRequested =>
            MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;

        /// <summary>
        /// -WhatIf always wins; -Force skips the prompt unless -Confirm was given explicitly (the AWS helper lets -Force
        /// beat -Confirm; for an operation that spends money an explicit request to confirm is honoured).
        /// </summary>
        private bool Confirm(RenewalRequest request)
        {
            var target = request.InstanceId + " (" + _api!.Service + ", " + request.Region + ")";
            var action = _api.DescribeRenewal(request);
            if (!IsWhatIf && Force.IsPresent && !ConfirmExplicitlyRequested)
            {
                return true;
            }
            try
            {
                return ShouldProcess(target, action);
            }
            catch (Exception ex) when (ex is HostException || ex is PSInvalidOperationException || ex is NotImplementedException || ex is PSNotImplementedException)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("Renewing charges the account, so confirmation is required, and this host cannot ask for it. In runbooks and scheduled tasks add -Force (or -Confirm:$false). Nothing was sent.", ex),
                    "ConfirmationRequired", ErrorCategory.PermissionDenied, target));
                return false;
            }
        }

        private RenewalJournal? OpenJournal()
        {
            var path = JournalPath ?? Environment.Variable(JournalVariable);
            if (string.IsNullOrWhiteSpace(path))
            {
                return null;
            }
            try
            {
                var journal = RenewalJournal.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), MyInvocation.MyCommand.Name);
                WriteVerbose("Journal " + journal.Path + ": " + journal.Entries.Count(e => e.Done) + " instance(s) already done" + (journal.IgnoredLines > 0 ? ", " + journal.IgnoredLines + " unreadable line(s) ignored (a torn write from a stopped run)" : "") + ".");
                return journal;
            }
            catch (JournalInUseException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "JournalInUse", ErrorCategory.ResourceBusy, path));
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "JournalUnavailable", ErrorCategory.WriteError, path));
                throw;
            }
        }

        /// <summary>
        /// What an earlier run recorded decides whether this one may send: done → Skipped; sent without an answer →
        /// Unknown and not resent, unless the API makes a resend harmless (ECS, with the recorded ClientToken) or the
        /// user passed -ResendUnknown; a different renewal of the same instance → refused (a journal is one job).
        /// </summary>
        private bool JournalAllows(RenewalRequest request)
        {
            var entry = _journal?.Lookup(_api!.Service, request.InstanceId);
            if (entry is null)
            {
                return true;
            }
            var spec = RenewalJournal.SpecOf(request);
            if (entry.Spec.Length > 0 && entry.Spec != spec)
            {
                WriteJournalResult(request, RenewalStatus.Failed, "JournalConflict", entry,
                    "The journal " + _journal!.Path + " records a different renewal of this instance (" + entry.Spec + "; now " + spec + "). A journal describes one renewal job: use a new journal for a new job. Nothing was sent.");
                return false;
            }
            if (entry.Done)
            {
                WriteJournalResult(request, RenewalStatus.Skipped, null, entry, "Already " + entry.Status!.Value.ToString().ToLowerInvariant() + " by an earlier run (journal " + _journal!.Path + "); not sent again.");
                return false;
            }
            // The recorded token names the renewal an earlier run sent, whatever its outcome: a token derived anew (its key
            // is the UTC date by default) would make tomorrow's rerun a second order.
            if (_api!.ResendIsHarmless && entry.ClientToken != null)
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
            if (entry.PreviousExpiry.HasValue && !ResendUnknown.IsPresent && !NoWait.IsPresent)
            {
                // The read before sending compares the cloud's expiry with the one journaled before the attempt.
                WriteVerbose(request.InstanceId + ": an earlier run sent it without a final answer; settling it from the cloud's state.");
                return true;
            }
            if (_api.ResendIsHarmless && entry.ClientToken != null)
            {
                WriteVerbose(request.InstanceId + ": an earlier run sent it without a final answer; resending with the same ClientToken, which cannot charge twice.");
                return true;
            }
            if (ResendUnknown.IsPresent)
            {
                WriteWarning(request.InstanceId + ": an earlier run sent it without a final answer; resending because -ResendUnknown was given. If that request executed, this renews it twice.");
                return true;
            }
            WriteJournalResult(request, RenewalStatus.Unknown, TransportCodes.PreviousRunUnknown, entry,
                "An earlier run sent this renewal and recorded no final answer, so it may have executed. Not resent: check the instance's expiry in the console, then rerun with -ResendUnknown only if it was not renewed.");
            return false;
        }

        private void WriteJournalResult(RenewalRequest request, RenewalStatus status, string? code, JournalEntry entry, string message)
        {
            var result = LocalResult(request.InstanceId, request, status, code, message);
            result.RequestId = entry.RequestId;
            result.DealId = entry.DealId;
            result.OrderId = entry.OrderId;
            result.ClientToken = entry.ClientToken;
            WriteLocalResult(result, status == RenewalStatus.Failed ? ErrorCategory.InvalidOperation : ErrorCategory.InvalidResult);
        }

        internal const string JournalVariable = "RENEWALTOOLS_JOURNAL";

        private void WritePending(TimeSpan wait)
        {
            if (_session is null)
            {
                return;
            }
            var first = true;
            while (_session.TryTake(out var item, first ? wait : TimeSpan.Zero))
            {
                first = false;
                switch (item.Kind)
                {
                    case SessionEventKind.Result:
                        WriteResult(item.Result!, item.Failure);
                        break;
                    case SessionEventKind.Verbose:
                        WriteVerbose(item.Text);
                        break;
                    case SessionEventKind.Debug:
                        WriteDebug(item.Text);
                        break;
                    case SessionEventKind.Warning:
                        WriteWarning(item.Text);
                        break;
                }
            }
            UpdateProgress();
        }

        private void WriteResult(RenewalResult result, ErrorClass? failure)
        {
            _written++;
            if (result.Status == RenewalStatus.Renewed || result.Status == RenewalStatus.Submitted)
            {
                _succeeded++;
            }
            else if (result.Status == RenewalStatus.Failed || result.Status == RenewalStatus.Unknown)
            {
                _failed++;
            }
            WriteObject(result);
            if (failure != null && (result.Status == RenewalStatus.Failed || result.Status == RenewalStatus.Unknown))
            {
                WriteError(ErrorFor(result, failure.Code, Category(failure.Category)));
            }
        }

        private static readonly string[] RegionColumns = { "Region", "RegionId" };

        /// <summary>
        /// One renewal setting of one row. The row's own cell is used when it has one; a value given on the command line
        /// (or by $PSDefaultParameterValues) fills rows that lack it; a row whose own value differs from the command line's
        /// is refused with InputConflict, because silently preferring either could renew for a period nobody meant for it
        /// (issue #12). A cell that does not parse refuses the row with InvalidInput. False when no valid value is given.
        /// </summary>
        internal bool TrySetting<T>(InputRow row, string parameter, CellParser<T> parse, out T value, params string[] columns)
        {
            value = default!;
            var names = columns.Length > 0 ? columns : new[] { parameter };
            var cell = row.Cell(names);
            var onCommandLine = MyInvocation.BoundParameters.TryGetValue(parameter, out var commandLine) && !InputRules.IsBlank(commandLine);
            T fromCommandLine = default!;
            if (onCommandLine && parse(PSObject.AsPSObject(commandLine!).BaseObject, "-" + parameter, out fromCommandLine) != null)
            {
                onCommandLine = false;
            }
            if (cell is null)
            {
                value = fromCommandLine;
                return onCommandLine;
            }
            if (parse(cell, "The " + names[0] + " cell", out var fromRow) is string problem)
            {
                row.Refuse("InvalidInput", problem);
                return false;
            }
            if (onCommandLine && !EqualityComparer<T>.Default.Equals(fromRow, fromCommandLine))
            {
                row.Refuse("InputConflict", "The row's " + names[0] + " is '" + fromRow + "' but -" + parameter + " '" + fromCommandLine + "' was given on the command line; which one is meant is not clear. Remove the parameter to use each row's own value, or fix the row.");
                return false;
            }
            value = fromRow;
            return true;
        }

        /// <summary>Every input gets its result, a bad one included: a report must account for every row.</summary>
        private void WriteInputError(string instanceId, string code, string problem, RenewalRequest? request)
        {
            var result = LocalResult(instanceId, request, RenewalStatus.Failed, code, problem + " Nothing was sent.");
            result.ErrorClass = nameof(ErrorKind.Final);
            WriteLocalResult(result, ErrorCategory.InvalidArgument);
        }

        private void WriteDuplicate(RenewalRequest request, bool sameRenewal)
        {
            var result = sameRenewal
                ? LocalResult(request.InstanceId, request, RenewalStatus.Skipped, "DuplicateInput", "Listed again in this run; it is renewed once, by the earlier row.")
                : LocalResult(request.InstanceId, request, RenewalStatus.Failed, "ConflictingDuplicateInput", "Listed again in this run with different renewal settings; only the earlier row is renewed. Nothing was sent for this row.");
            WriteLocalResult(result, ErrorCategory.InvalidArgument);
        }

        /// <summary>A result decided here, without a request to the cloud.</summary>
        private RenewalResult LocalResult(string instanceId, RenewalRequest? request, RenewalStatus status, string? code, string message) => new RenewalResult
        {
            Service = _api!.Service,
            Action = _api.Action,
            InstanceId = instanceId,
            Region = request is null || request.Region.Length == 0 ? null : request.Region,
            Period = request?.Period,
            PeriodUnit = request?.Unit.ToString(),
            Status = status,
            ErrorCode = code,
            Message = message,
            CompletedAt = DateTimeOffset.UtcNow,
        };

        /// <summary>Writes a locally decided result; a Failed or Unknown one also writes its error record.</summary>
        private void WriteLocalResult(RenewalResult result, ErrorCategory category)
        {
            _written++;
            WriteObject(result);
            if (result.Status == RenewalStatus.Failed || result.Status == RenewalStatus.Unknown)
            {
                _failed++;
                WriteError(ErrorFor(result, result.ErrorCode, category));
            }
        }

        private static ErrorRecord ErrorFor(RenewalResult result, string? code, ErrorCategory category)
        {
            var message = result.Service + " " + result.InstanceId + (result.Region is null ? "" : " (" + result.Region + ")") + ": " + result.Status + ", " + code + ". " + result.Message
                + (result.RequestId is null ? "" : " RequestId: " + result.RequestId + ".");
            return new ErrorRecord(new RenewalException(message, result), code ?? "RenewalFailed", category, result);
        }

        private static ErrorCategory Category(FailureCategory category) =>
            Enum.TryParse<ErrorCategory>(category.ToString(), out var mapped) ? mapped : ErrorCategory.NotSpecified;

        private int ProgressId => 0x52454E;

        private string Activity => "Renewing " + _api!.Service + " instances (" + _api.Action + ")";

        private void UpdateProgress()
        {
            if (_accepted == 0 || _clock.ElapsedTicks - _lastProgressTicks < Stopwatch.Frequency / 4)
            {
                return;
            }
            _lastProgressTicks = _clock.ElapsedTicks;
            var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            var status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} done: {2} renewed or submitted, {3} failed or unknown, {4:0.0}/s", _written, _accepted, _succeeded, _failed, _written / seconds);
            WriteProgress(new ProgressRecord(ProgressId, Activity, status));
        }
    }
}
