using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using RenewalTools.Clients;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Engine.Pipeline;
using RenewalTools.Errors;
using RenewalTools.Storage;
using RenewalTools.Transport;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// What the three renewal cmdlets share: the renewal's parameters, the journal, the spend limits, and building the
    /// run (<see cref="WriteRun{TRequest}"/> with a <see cref="RenewalAction"/>). Confirmation and output are
    /// <see cref="RunWriter"/>'s. A derived cmdlet only declares its own parameters, picks the API and fills the
    /// API-specific fields.
    /// </summary>
    public abstract class RenewalCmdletBase : InstanceInputCmdlet, IDisposable
    {
        private readonly InputDuplicates _duplicates = new InputDuplicates();
        private RunWriter? _writer;
        private CloudCredential? _credential;
        private WriteRun<RenewalRequest>? _run;
        private RunEvents? _events;
        private RenewalJournal? _journal;
        private JournalAdmission? _journalAdmission;
        private RunLock? _runLock;
        private SpendLimits? _limits;
        private volatile string? _sharedStorageLost;
        private List<RenewalRequest>? _priced;

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

        private RunWriter Writer => _writer ??= new RunWriter(this, "Renewing " + Renewal.Service + " instances (" + Renewal.Action + ")", "renewed or submitted");

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            CheckEndpoint();
            if (NoWait.IsPresent && OnlyIfExpiringWithinDays.HasValue)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-OnlyIfExpiringWithinDays decides from the cloud's expiry, read before sending; -NoWait turns those reads off. Give one of them."), "NoWaitWithExpiryGuard", ErrorCategory.InvalidArgument, null));
            }
            if (NoWait.IsPresent && RequireBalance.IsPresent)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-RequireBalance reads the account balance before sending; -NoWait turns the reads before sending off. Give one of them."), "NoWaitWithRequireBalance", ErrorCategory.InvalidArgument, null));
            }
            if (IncludePrice.IsPresent && !Writer.IsWhatIf)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-IncludePrice shows prices in the -WhatIf report. To price a real run, use -MaxTotalPrice (results carry Price), or " + CommandNames.GetRenewalQuote(Renewal.Service) + "."), "IncludePriceWithoutWhatIf", ErrorCategory.InvalidArgument, null));
            }
            _ = Renewal;
            if (Writer.IsWhatIf && IncludePrice.IsPresent)
            {
                _credential = ResolveCredential();
                _priced = new List<RenewalRequest>();
            }
            else if (!Writer.IsWhatIf)
            {
                _credential = ResolveCredential();
                var journalLocation = JournalPath ?? Environment.Variable(JournalVariable);
                var shared = ExclusiveRun.FindSharedStorage(this, journalLocation, Environment);
                _runLock = ExclusiveRun.Take(this, Renewal.Service, _credential, Endpoint, shared, SharedStorageLost);
                _journal = JournalAdmission.Open(this, journalLocation, shared, SharedStorageLost);
                _journalAdmission = _journal is null ? null : new JournalAdmission(_journal, Renewal, ResendUnknown.IsPresent, NoWait.IsPresent, this);
            }
        }

        /// <summary>A lease was lost mid-run (another thread): stop sending at once, as Ctrl+C does; reported at the end.</summary>
        private void SharedStorageLost(string problem)
        {
            _sharedStorageLost = problem;
            _run?.Stop();
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_priced != null)
            {
                var quotes = QuoteCmdletBase.QuoteAll(this, CreateQuoteApi(), _credential!, _priced, Options, Limits.Currency);
                PricedWhatIf.Report(this, _priced, quotes, Limits, Confirm);
            }
            if (_run != null)
            {
                _run.Flush();
                while (_run.Outstanding > 0)
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
            Writer.Complete();
        }

        /// <inheritdoc/>
        protected override void StopProcessing() => _run?.Stop();

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

        /// <inheritdoc/>
        public void Dispose()
        {
            _run?.Dispose();
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
            if (_duplicates.SeenBefore(request.InstanceId, api.BatchKey(request), out var batchKey) is bool sameRenewal)
            {
                WriteLocalResult(sameRenewal
                    ? LocalResult(request.InstanceId, request, RenewalStatus.Skipped, "DuplicateInput", "Listed again in this run; it is renewed once, by the earlier row.")
                    : LocalResult(request.InstanceId, request, RenewalStatus.Failed, "ConflictingDuplicateInput", "Listed again in this run with different renewal settings; only the earlier row is renewed. Nothing was sent for this row."), ErrorCategory.InvalidArgument);
                return;
            }
            if (_journalAdmission != null && !_journalAdmission.Allows(request))
            {
                return;
            }
            if (_priced != null)
            {
                // -WhatIf -IncludePrice: the What if lines wait for the quotes.
                _duplicates.Add(request.InstanceId, batchKey);
                _priced.Add(request);
                return;
            }
            if (!Confirm(request, null))
            {
                return;
            }
            _duplicates.Add(request.InstanceId, batchKey);
            Writer.Accepted();
            Run.Enqueue(request);
            WritePending(TimeSpan.Zero);
            while (Run.Backlogged())
            {
                WritePending(TimeSpan.FromMilliseconds(200));
            }
        }

        private WriteRun<RenewalRequest> Run => _run ??= CreateRun();

        private WriteRun<RenewalRequest> CreateRun()
        {
            var credential = _credential ?? throw new InvalidOperationException("Credentials were not resolved.");
            var options = Options;
            var caller = new CloudCaller(credential, Endpoint, options.Timeout);
            _events = new RunEvents();
            // -NoWait still reads before sending where a renewal must carry the instance's own auto-renew flag.
            var reads = NoWait.IsPresent && !Renewal.CarriesRenewFlag ? null : new InstanceReads(CreateReader(), caller, options, _events.Post);
            var spend = new SpendPlan(Limits, CreateQuoteApi(), CreateBalanceApi()).Gate(caller, options, _events.Post);
            var action = new RenewalAction(Renewal, reads, new RenewalOrders(caller, options, _events.Post), options, _journal, new SpendCheck(spend));
            return new WriteRun<RenewalRequest>(action, caller, _events);
        }

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

        private bool Confirm(RenewalRequest request, string? price) =>
            Writer.Confirm(request.InstanceId + " (" + Renewal.Service + ", " + request.Region + ")", Renewal.DescribeRenewal(request) + price, Force.IsPresent, "Renewing charges the account");

        internal void WriteJournalResult(RenewalRequest request, RenewalStatus status, string? code, JournalEntry entry, string message)
        {
            var result = LocalResult(request.InstanceId, request, status, code, message);
            result.RequestId = entry.RequestId;
            result.DealId = entry.DealId;
            result.OrderId = entry.OrderId;
            result.ClientToken = entry.ClientToken;
            WriteLocalResult(result, status == RenewalStatus.Failed ? ErrorCategory.InvalidOperation : ErrorCategory.InvalidResult);
        }

        internal const string JournalVariable = "RENEWALTOOLS_JOURNAL";

        private void WritePending(TimeSpan wait) =>
            Writer.WritePending(timeout => _run != null && _run.TryTake(out var item, timeout) ? item : null, _run?.Checking, wait, Renewal.Service);

        /// <summary>Every input gets its result, a bad one included: a report must account for every row.</summary>
        internal override void RefuseInput(string instanceId, string code, string problem, WriteRequest? request)
        {
            var result = LocalResult(instanceId, request as RenewalRequest, RenewalStatus.Failed, code, problem + " Nothing was sent.");
            result.ErrorClass = nameof(ErrorKind.Final);
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

        private void WriteLocalResult(RenewalResult result, ErrorCategory category) =>
            Writer.WriteResult(result, result.Status == RenewalStatus.Failed ? OutcomeKind.Failed : result.Status == RenewalStatus.Unknown ? OutcomeKind.Unknown : OutcomeKind.Skipped, result.ErrorCode, category);
    }
}
