using System;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Engine.Pipeline;
using RenewalTools.Errors;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// What the three Set-*AutoRenew cmdlets share: the policy (command line or a Policy column, in the module's names or
    /// the cloud's own spellings), the run lock, and building the run (<see cref="WriteRun{TRequest}"/> with an
    /// <see cref="AutoRenewAction"/>). Confirmation and output are <see cref="RunWriter"/>'s, as for the renewals.
    /// </summary>
    public abstract class AutoRenewCmdletBase : InstanceTargetCmdlet, IDisposable
    {
        private readonly InputDuplicates _duplicates = new InputDuplicates();
        private AutoRenewApi? _api;
        private RunWriter? _writer;
        private CloudCredential? _credential;
        private WriteRun<AutoRenewRequest>? _run;
        private RunLock? _runLock;
        private volatile string? _sharedStorageLost;

        /// <summary>
        /// AutoRenew, Manual or NoRenewal (or the cloud's own spelling), for rows without a Policy column. Manual and NoRenewal
        /// let the instance expire at the end of its term unless someone renews it.
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(PolicyCompleter))]
        public string? Policy { get; set; }

        /// <summary>Changes without asking; an explicit -Confirm still asks and -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How long to read the cloud back for the new policy before reporting Submitted.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int WaitTimeoutSec { get; set; } = 60;

        internal AutoRenewApi Api => _api ??= CreateApi();

        internal abstract AutoRenewApi CreateApi();

        /// <summary>The product's describe read (with the policy read where the describe lacks it).</summary>
        internal abstract InstanceReader CreateReader();

        /// <summary>Reads the product's own settings of one row (ECS: the auto-renew period).</summary>
        internal virtual void Describe(AutoRenewRequest request, InputRow row)
        {
        }

        private RunWriter Writer => _writer ??= new RunWriter(this, "Setting the auto-renew policy of " + Api.Service + " instances (" + Api.Action + ")", "changed or unchanged");

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            CheckEndpoint();
            if (!string.IsNullOrWhiteSpace(Policy) && ParsePolicy(Policy!, "-Policy", out _) is string problem)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(problem), "InvalidPolicy", ErrorCategory.InvalidArgument, Policy));
            }
            if (!Writer.IsWhatIf)
            {
                _credential = ResolveCredential();
                // The lock lives where the renewals of this account take theirs: beside a blob journal named by
                // RENEWALTOOLS_JOURNAL, or at RENEWALTOOLS_LOCK_URL, so a policy change never races a renewal on another machine.
                var shared = ExclusiveRun.FindSharedStorage(this, Environment.Variable(RenewalCmdletBase.JournalVariable), Environment);
                _runLock = ExclusiveRun.Take(this, Api.Service, _credential, Endpoint, shared, SharedStorageLost);
            }
        }

        private void SharedStorageLost(string problem)
        {
            _sharedStorageLost = problem;
            _run?.Stop();
        }

        internal override void ProcessInput(InputRow row)
        {
            var request = ReadTarget(row, (id, region) => new AutoRenewRequest(id, region), r =>
            {
                if (TrySetting<AutoRenewPolicy>(row, nameof(Policy), ParsePolicy, out var policy))
                {
                    r.Policy = policy;
                }
                Describe(r, row);
            }, Api.CheckRequest, Api.IdShapeWarning);
            if (request is null)
            {
                return;
            }
            if (_duplicates.SeenBefore(request.InstanceId, Api.BatchKey(request), out var key) is bool same)
            {
                WriteLocal(request.InstanceId, request, same ? AutoRenewStatus.Skipped : AutoRenewStatus.Failed, same ? "DuplicateInput" : "ConflictingDuplicateInput",
                    same ? "Listed again in this run; its policy is set once, by the earlier row." : "Listed again in this run with a different policy; only the earlier row is applied. Nothing was sent for this row.");
                return;
            }
            var target = request.InstanceId + " (" + Api.Service + ", " + request.Region + ")";
            if (!Writer.Confirm(target, Api.Describe(request), Force.IsPresent, "The auto-renew policy decides whether the account is charged or the instance expires"))
            {
                return;
            }
            _duplicates.Add(request.InstanceId, key);
            Writer.Accepted();
            Run.Enqueue(request);
            WritePending(TimeSpan.Zero);
            while (Run.Backlogged())
            {
                WritePending(TimeSpan.FromMilliseconds(200));
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_run != null)
            {
                _run.Flush();
                while (_run.Outstanding > 0)
                {
                    WritePending(TimeSpan.FromMilliseconds(200));
                }
                WritePending(TimeSpan.Zero);
            }
            _runLock?.Dispose();
            _runLock = null;
            if (_sharedStorageLost != null)
            {
                WriteError(new ErrorRecord(new System.IO.IOException("The run stopped sending: its lock on Blob Storage was lost (" + _sharedStorageLost + ")."), "SharedStorageLost", ErrorCategory.ResourceUnavailable, Api.Service));
            }
            Writer.Complete();
        }

        /// <inheritdoc/>
        protected override void StopProcessing() => _run?.Stop();

        /// <inheritdoc/>
        public void Dispose()
        {
            _run?.Dispose();
            _runLock?.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Every input gets its result, a bad one included: a report must account for every row.</summary>
        internal override void RefuseInput(string instanceId, string code, string problem, WriteRequest? request) =>
            WriteLocal(instanceId, request as AutoRenewRequest, AutoRenewStatus.Failed, code, problem + " Nothing was sent.");

        private WriteRun<AutoRenewRequest> Run => _run ??= CreateRun();

        private WriteRun<AutoRenewRequest> CreateRun()
        {
            var credential = _credential ?? throw new InvalidOperationException("Credentials were not resolved.");
            var options = new RenewalOptions
            {
                ThrottleLimit = ThrottleLimit,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                WaitTimeout = TimeSpan.FromSeconds(WaitTimeoutSec),
            };
            var caller = new CloudCaller(credential, Endpoint, options.Timeout);
            var events = new RunEvents();
            var action = new AutoRenewAction(Api, new InstanceReads(CreateReader(), caller, options, events.Post), options);
            return new WriteRun<AutoRenewRequest>(action, caller, events);
        }

        private void WritePending(TimeSpan wait) =>
            Writer.WritePending(timeout => _run != null && _run.TryTake(out var item, timeout) ? item : null, null, wait, Api.Service);

        private void WriteLocal(string instanceId, AutoRenewRequest? request, AutoRenewStatus status, string code, string message)
        {
            var result = new AutoRenewResult
            {
                Service = Api.Service,
                Action = Api.Action,
                InstanceId = instanceId,
                Region = request is null || request.Region.Length == 0 ? null : request.Region,
                Status = status,
                Policy = request?.Policy,
                Duration = request?.Duration,
                PeriodUnit = request?.PeriodUnit,
                ErrorCode = code,
                ErrorClass = status == AutoRenewStatus.Failed ? nameof(ErrorKind.Final) : null,
                Message = message,
                CompletedAt = DateTimeOffset.UtcNow,
            };
            Writer.WriteResult(result, status == AutoRenewStatus.Failed ? OutcomeKind.Failed : OutcomeKind.Skipped, code, ErrorCategory.InvalidArgument);
        }

        /// <summary>The module's names and the cloud's own spellings, without regard to case or padding.</summary>
        private string? ParsePolicy(object cell, string name, out AutoRenewPolicy policy)
        {
            var text = InputRules.TrimPadding(Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture)) ?? "";
            if (Api.AcceptedSpellings.TryGetValue(text, out policy))
            {
                return null;
            }
            return name + " '" + text + "' is not one of " + string.Join(", ", Api.AcceptedSpellings.Keys.OrderBy(k => k, StringComparer.Ordinal)) + ".";
        }
    }
}
