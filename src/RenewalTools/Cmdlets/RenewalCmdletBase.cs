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
using RenewalTools.Storage;
using RenewalTools.Transport;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// Everything the three renewal cmdlets share: binding of the common parameters, the confirmation policy,
    /// input checks, credentials, and writing the engine's results and messages on the pipeline thread.
    /// A derived cmdlet only declares its own parameters, picks the API and fills the API-specific fields.
    /// </summary>
    public abstract class RenewalCmdletBase : InstanceInputCmdlet, IDisposable
    {
        // Instance ID -> its batch key, for the run-wide duplicate check: the one per-instance cost that grows with input
        // (about 100 bytes an instance); keys are shared so rows with the same settings store one string.
        private readonly Dictionary<string, string> _seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _batchKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Stopwatch _clock = new Stopwatch();
        private CloudCredential? _credential;
        private RenewalSession? _session;
        private RenewalJournal? _journal;
        private RunLock? _runLock;
        private SpendLimits? _limits;
        private volatile string? _sharedStorageLost;
        private List<RenewalRequest>? _priced;

        private long _lastProgressTicks;
        private int _accepted;
        private int _written;
        private int _succeeded;
        private int _failed;

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

        /// <summary>
        /// Spend cap: every instance is quoted first, and if any has no price or the total is above this, nothing is
        /// renewed and the run ends with one terminating error. Each result carries its quoted Price.
        /// </summary>
        [Parameter]
        [ValidateRange(0, 1000000000)]
        public decimal? MaxTotalPrice { get; set; }

        /// <summary>Quote first, and refuse the run when the total is above the account's available balance (or the balance cannot be read).</summary>
        [Parameter]
        public SwitchParameter RequireBalance { get; set; }

        /// <summary>With -WhatIf: quote each instance and show its price in its What if line, then the total (needs credentials; renews nothing).</summary>
        [Parameter]
        public SwitchParameter IncludePrice { get; set; }

        /// <summary>The product's describe read, for the read before sending and the read back after.</summary>
        internal abstract RenewalTools.Clients.InstanceReader CreateReader();

        /// <summary>The account balance read of the product's cloud.</summary>
        internal abstract BalanceApi CreateBalanceApi();

        protected override void BeginProcessing()
        {
            _clock.Start();
            CheckEndpoint();
            if (NoWait.IsPresent && OnlyIfExpiringWithinDays.HasValue)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-OnlyIfExpiringWithinDays decides from the cloud's expiry, read before sending; -NoWait turns those reads off. Give one of them."), "NoWaitWithExpiryGuard", ErrorCategory.InvalidArgument, null));
            }
            if (NoWait.IsPresent && RequireBalance.IsPresent)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-RequireBalance reads the account balance before sending; -NoWait turns the reads before sending off. Give one of them."), "NoWaitWithRequireBalance", ErrorCategory.InvalidArgument, null));
            }
            if (IncludePrice.IsPresent && !IsWhatIf)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-IncludePrice shows prices in the -WhatIf report. To price a real run, use -MaxTotalPrice (results carry Price), or " + CommandNames.GetRenewalQuote(Renewal.Service) + "."), "IncludePriceWithoutWhatIf", ErrorCategory.InvalidArgument, null));
            }
            _ = Renewal;
            if (IsWhatIf && IncludePrice.IsPresent)
            {
                _credential = ResolveCredential();
                _priced = new List<RenewalRequest>();
            }
            else if (!IsWhatIf)
            {
                _credential = ResolveCredential();
                var journalLocation = JournalPath ?? Environment.Variable(JournalVariable);
                var shared = FindSharedStorage(journalLocation);
                _runLock = TakeRunLock(_credential, shared);
                _journal = OpenJournal(journalLocation, shared);
            }
        }

        /// <summary>Blob Storage every machine sees (a blob journal, or RENEWALTOOLS_LOCK_URL); null for local disk only.</summary>
        private BlobPlace? FindSharedStorage(string? journalLocation)
        {
            try
            {
                var shared = BlobPlace.Find(journalLocation, Environment);
                if (shared != null)
                {
                    WriteVerbose("Blob Storage " + shared.Address.Display + ": credentials from " + shared.Credential.Source + ".");
                }
                return shared;
            }
            catch (BlobStorageException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "SharedStorageUnavailable", ErrorCategory.InvalidArgument, SasRedaction.Redact(journalLocation)));
                throw;
            }
        }

        private RunLock TakeRunLock(CloudCredential credential, BlobPlace? shared)
        {
            try
            {
                return RunLock.Take(Renewal.Service, credential.Id, Endpoint, shared, SharedStorageLost);
            }
            catch (RunLockBusyException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "RunInProgress", ErrorCategory.ResourceBusy, Renewal.Service));
                throw;
            }
            catch (BlobStorageException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "SharedStorageUnavailable", ErrorCategory.ConnectionError, Renewal.Service));
                throw;
            }
        }

        /// <summary>A lease was lost mid-run (another thread): stop sending at once, as Ctrl+C does; reported at the end.</summary>
        private void SharedStorageLost(string problem)
        {
            _sharedStorageLost = problem;
            _session?.Stop();
        }

        protected override void EndProcessing()
        {
            if (_priced != null)
            {
                ReportPricedWhatIf(_priced);
            }
            if (_session != null)
            {
                _session.Flush();
                while (_session.Outstanding > 0)
                {
                    WritePending(TimeSpan.FromMilliseconds(200));
                }
                WritePending(TimeSpan.Zero);
            }
            CloseJournal();
            _runLock?.Dispose();
            _runLock = null;
            if (_sharedStorageLost != null)
            {
                WriteError(new ErrorRecord(new IOException("The run stopped sending: its lock on Blob Storage was lost (" + _sharedStorageLost + ")."), "SharedStorageLost", ErrorCategory.ResourceUnavailable, Renewal.Service));
            }
            if (_accepted > 0)
            {
                WriteProgress(new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        protected override void StopProcessing() => _session?.Stop();

        /// <summary>A blob journal writes its last outcomes here; if it cannot, the results above stand and a rerun settles from the cloud.</summary>
        private void CloseJournal()
        {
            try
            {
                _journal?.Dispose();
            }
            catch (IOException ex)
            {
                WriteError(new ErrorRecord(ex, "JournalUnavailable", ErrorCategory.WriteError, _journal?.Path));
            }
            _journal = null;
        }

        public void Dispose()
        {
            _session?.Dispose();
            _journal?.Dispose();
            _runLock?.Dispose();
            GC.SuppressFinalize(this);
        }

        internal override void ProcessInput(InputRow row)
        {
            var api = Renewal;
            if (!(ReadRequest(row) is RenewalRequest request))
            {
                return;
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
            if (_priced != null)
            {
                // -WhatIf -IncludePrice: the What if lines wait for the quotes.
                _seen[request.InstanceId] = batchKey;
                _priced.Add(request);
                return;
            }
            if (!Confirm(request, null))
            {
                return;
            }
            _seen[request.InstanceId] = batchKey;
            _accepted++;
            Session.Enqueue(request);
            WritePending(TimeSpan.Zero);
            // Backpressure: piping 100,000 rows must not queue 100,000 requests (at least a few read groups of 100, or the
            // read before sending would wait for a group that never fills). A run priced first holds every row until the
            // end of input, by design: its cap is over all of them.
            while (!Limits.PricesFirst && Session.Outstanding > Math.Max(ThrottleLimit * api.MaxBatchSize, InstanceReader.PageSize) * 4)
            {
                WritePending(TimeSpan.FromMilliseconds(200));
            }
        }

        private RenewalSession Session => _session ??= new RenewalSession(
            Renewal,
            _credential ?? throw new InvalidOperationException("Credentials were not resolved."),
            Endpoint,
            Options,
            _journal,
            // -NoWait still reads before sending where a renewal must carry the instance's own auto-renew flag.
            NoWait.IsPresent && !Renewal.CarriesRenewFlag ? null : CreateReader(),
            new SpendPlan(Limits, CreateQuoteApi(), CreateBalanceApi()));

        private SpendLimits Limits => _limits ??= new SpendLimits
        {
            MaxTotalPrice = MaxTotalPrice,
            Currency = Currency?.ToUpperInvariant(),
            RequireBalance = RequireBalance.IsPresent,
            CheckBalance = !NoWait.IsPresent,
        };

        private RenewalOptions Options => new RenewalOptions
        {
            ThrottleLimit = ThrottleLimit,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            WaitTimeout = TimeSpan.FromSeconds(WaitTimeoutSec),
            OnlyIfExpiringWithinDays = OnlyIfExpiringWithinDays,
            ReadBack = !NoWait.IsPresent,
        };

        /// <summary>
        /// -WhatIf -IncludePrice: quotes every instance (reads only), then writes each What if line with its price and one
        /// total line. Nothing is renewed.
        /// </summary>
        private void ReportPricedWhatIf(List<RenewalRequest> requests)
        {
            var quotes = QuoteCmdletBase.QuoteAll(this, CreateQuoteApi(), _credential!, requests, Options, Limits.Currency);
            for (var i = 0; i < requests.Count; i++)
            {
                var quote = quotes[i];
                Confirm(requests[i], quote.Price.HasValue
                    ? "; quoted " + PriceQuotes.FormatMoney(quote.Price.Value, quote.Currency) + " (" + quote.Action + ")"
                    : "; no price (" + quote.ErrorCode + ": " + quote.Message + ")");
            }
            var verdict = SpendGate.Decide(quotes, Limits);
            var line = "What if: Total for " + requests.Count + " instance(s): " + PriceQuotes.FormatMoney(verdict.Total, verdict.Currency)
                + (verdict.Unpriced > 0 ? " (" + verdict.Unpriced + " without a price, not counted)" : "")
                + (!Limits.PricesFirst ? "" : !verdict.Allowed ? "; the run would stop: " + verdict.Message
                    : Limits.MaxTotalPrice.HasValue ? "; within -MaxTotalPrice " + PriceQuotes.FormatMoney(Limits.MaxTotalPrice.Value, verdict.Currency) : "") + ".";
            WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
        }

        private bool IsWhatIf => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        private bool ConfirmExplicitlyRequested =>
            MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;

        /// <summary>
        /// -WhatIf always wins; -Force skips the prompt unless -Confirm was given explicitly (the AWS helper lets -Force
        /// beat -Confirm; for an operation that spends money an explicit request to confirm is honoured).
        /// </summary>
        private bool Confirm(RenewalRequest request, string? price)
        {
            var target = request.InstanceId + " (" + Renewal.Service + ", " + request.Region + ")";
            var action = Renewal.DescribeRenewal(request) + price;
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

        private RenewalJournal? OpenJournal(string? path, BlobPlace? shared)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                return null;
            }
            try
            {
                var journal = shared != null && shared.HoldsJournal
                    ? RenewalJournal.Open(BlobJournalStore.Open(shared.Client(), SharedStorageLost), MyInvocation.MyCommand.Name)
                    : RenewalJournal.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), MyInvocation.MyCommand.Name);
                WriteVerbose("Journal " + journal.Path + ": " + journal.Entries.Count(e => e.Done) + " instance(s) already done" + (journal.IgnoredLines > 0 ? ", " + journal.IgnoredLines + " unreadable line(s) ignored (a torn write from a stopped run)" : "") + ".");
                return journal;
            }
            catch (JournalInUseException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "JournalInUse", ErrorCategory.ResourceBusy, SasRedaction.Redact(path)));
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "JournalUnavailable", ErrorCategory.WriteError, SasRedaction.Redact(path)));
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
            var entry = _journal?.Lookup(Renewal.Service, request.InstanceId);
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
            if (Renewal.ResendIsHarmless && entry.ClientToken != null)
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
            if (entry.PreviousExpiry.HasValue && !ResendUnknown.IsPresent && !NoWait.IsPresent)
            {
                // The read before sending compares the cloud's expiry with the one journaled before the attempt.
                request.SettleEarlierAttempt = true;
                WriteVerbose(request.InstanceId + ": an earlier run sent it without a final answer; settling it from the cloud's state.");
                return true;
            }
            if (Renewal.ResendIsHarmless && entry.ClientToken != null)
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
                    default:
                        WriteMessage(this, item);
                        break;
                    case SessionEventKind.Refusal:
                        ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(item.Text), item.Failure!.Code, Category(item.Failure.Category), Renewal.Service));
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

        /// <summary>Every input gets its result, a bad one included: a report must account for every row.</summary>
        internal override void RefuseInput(string instanceId, string code, string problem, RenewalRequest? request)
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
            Service = Renewal.Service,
            Action = Renewal.Action,
            InstanceId = instanceId,
            Region = request is null || request.Region.Length == 0 ? null : request.Region,
            Period = request?.ReportedPeriod,
            PeriodUnit = request?.ReportedUnit,
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

        private string Activity => "Renewing " + Renewal.Service + " instances (" + Renewal.Action + ")";

        private void UpdateProgress()
        {
            if (_accepted == 0 || _clock.ElapsedTicks - _lastProgressTicks < Stopwatch.Frequency / 4)
            {
                return;
            }
            _lastProgressTicks = _clock.ElapsedTicks;
            if (_session?.Quoting is (int answered, int asked))
            {
                WriteProgress(new ProgressRecord(ProgressId, Activity, QuoteCmdletBase.QuotingStatus(answered, asked, " before anything is sent")));
                return;
            }
            var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            var status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} done: {2} renewed or submitted, {3} failed or unknown, {4:0.0}/s", _written, _accepted, _succeeded, _failed, _written / seconds);
            WriteProgress(new ProgressRecord(ProgressId, Activity, status));
        }
    }
}
