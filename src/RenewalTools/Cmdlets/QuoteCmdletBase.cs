using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Errors;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// What the three Get-*RenewalQuote cmdlets share: the renewal cmdlets' input (IDs, rows, the same checks), one
    /// price inquiry per instance, and one <see cref="RenewalQuote"/> per input. Nothing is renewed.
    /// </summary>
    public abstract class QuoteCmdletBase : InstanceInputCmdlet, IDisposable
    {
        // Instance ID -> the settings it was priced with, so a repeated row is priced once and a conflicting one is refused.
        private readonly Dictionary<string, string> _seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // Quotes are written in input order: each input takes a number, and a quote answered early waits for the earlier ones.
        private readonly Dictionary<int, RenewalQuote> _ready = new Dictionary<int, RenewalQuote>();
        private readonly Dictionary<string, int> _asked = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private int _inputs;
        private int _writtenUpTo;
        private QuoteRun? _run;
        private CloudCredential? _credential;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            CheckEndpoint();
            _ = Renewal;
            _credential = ResolveCredential();
        }

        internal override void ProcessInput(InputRow row)
        {
            if (!(ReadRequest(row) is RenewalRequest request))
            {
                return;
            }
            var settings = Renewal.BatchKey(request);
            if (_seen.TryGetValue(request.InstanceId, out var earlier))
            {
                if (earlier == settings)
                {
                    Deliver(_inputs++, Local(request.InstanceId, request, "DuplicateInput", "Listed again in this run; priced once, by the earlier row (a renewal run renews it once)."));
                }
                else
                {
                    RefuseInput(request.InstanceId, "ConflictingDuplicateInput", "Listed again in this run with different renewal settings; a renewal run would renew only the earlier row.", request);
                }
                return;
            }
            _seen[request.InstanceId] = settings;
            _asked[request.InstanceId] = _inputs++;
            Run.Enqueue(request);
            Pump(Run, TimeSpan.Zero, Answered);
            while (Run.Outstanding > ThrottleLimit * 50)
            {
                Pump(Run, TimeSpan.FromMilliseconds(200), Answered);
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_run is null)
            {
                return;
            }
            while (_run.Outstanding > 0)
            {
                Pump(_run, TimeSpan.FromMilliseconds(200), Answered);
            }
            Pump(_run, TimeSpan.Zero, Answered);
            CompleteProgress(this, _run);
        }

        /// <inheritdoc/>
        protected override void StopProcessing() => _run?.Stop();

        /// <inheritdoc/>
        public void Dispose()
        {
            _run?.Dispose();
            GC.SuppressFinalize(this);
        }

        internal override void RefuseInput(string instanceId, string code, string problem, WriteRequest? request)
        {
            Deliver(_inputs++, Local(instanceId, request as RenewalRequest, code, problem + " Nothing was sent."));
        }

        private void Answered(RenewalQuote quote) => Deliver(_asked[quote.InstanceId], quote);

        /// <summary>Takes input number <paramref name="input"/>'s quote and writes every quote now next in input order.</summary>
        private void Deliver(int input, RenewalQuote quote)
        {
            _ready[input] = quote;
            while (_ready.TryGetValue(_writtenUpTo, out var next))
            {
                _ready.Remove(_writtenUpTo++);
                WriteQuote(next);
            }
        }

        private QuoteRun Run => _run ??= new QuoteRun(CreateQuoteApi(), _credential!, Endpoint, Options(this), Currency?.ToUpperInvariant());

        /// <summary>
        /// Writes a quote; no price is an error when the input was refused or the cloud refused it, a warning when the
        /// cloud simply gave none, and nothing more for a repeated row.
        /// </summary>
        private void WriteQuote(RenewalQuote quote)
        {
            WriteObject(quote);
            if (quote.Price.HasValue || quote.ErrorCode == "DuplicateInput")
            {
                return;
            }
            if (quote.RequestId is null && (quote.ErrorCode == "InvalidInput" || quote.ErrorCode == "InputConflict" || quote.ErrorCode == "ConflictingDuplicateInput"))
            {
                WriteError(new ErrorRecord(new ArgumentException(Describe(quote)), quote.ErrorCode, ErrorCategory.InvalidArgument, quote));
                return;
            }
            if (quote.ErrorCode == SpendCodes.PriceMissing || quote.ErrorCode == SpendCodes.NotQuotable)
            {
                WriteWarning(Describe(quote));
                return;
            }
            var code = quote.ErrorCode ?? "QuoteFailed";
            var failure = ErrorCatalog.Transport.TryClassify(code, out var local) ? local : CreateQuoteApi().Errors.Classify(code);
            WriteError(new ErrorRecord(new InvalidOperationException(Describe(quote)), code, Enum.TryParse<ErrorCategory>(failure.Category.ToString(), out var category) ? category : ErrorCategory.NotSpecified, quote));
        }

        private RenewalQuote Local(string instanceId, RenewalRequest? request, string code, string message)
        {
            var quote = PriceQuotes.NewQuote(Renewal.Service, CreateQuoteApi().Action, instanceId, request);
            quote.ErrorCode = code;
            quote.Message = message;
            quote.QuotedAt = DateTimeOffset.UtcNow;
            return quote;
        }

        private static string Describe(RenewalQuote quote) =>
            quote.Service + " " + quote.InstanceId + (quote.Region is null ? "" : " (" + quote.Region + ")") + ": no price, " + quote.ErrorCode + ". " + quote.Message + (quote.RequestId is null ? "" : " RequestId: " + quote.RequestId + ".");

        private const int QuoteProgressId = 0x515554;

        private static void CompleteProgress(Cmdlet cmdlet, QuoteRun run) =>
            cmdlet.WriteProgress(new ProgressRecord(QuoteProgressId, "Quoting renewals (" + run.Quotes.Action + ")", "Done") { RecordType = ProgressRecordType.Completed });

        internal static RenewalOptions Options(CloudCmdletBase cmdlet) => new RenewalOptions { ThrottleLimit = cmdlet.ThrottleLimit, Timeout = TimeSpan.FromSeconds(cmdlet.TimeoutSec) };

        internal static string QuotingStatus(int answered, int asked, string why) =>
            "Quoting" + why + ": " + answered.ToString(CultureInfo.InvariantCulture) + " of " + asked.ToString(CultureInfo.InvariantCulture) + " priced (one request each, paced under the inquiry's limit)";

        /// <summary>Writes what the run has queued: messages, each quote through <paramref name="onQuote"/>, and progress.</summary>
        internal static void Pump(Cmdlet cmdlet, QuoteRun run, TimeSpan wait, Action<RenewalQuote> onQuote)
        {
            if (run.ProgressDue())
            {
                var quotes = run.Quotes;
                cmdlet.WriteProgress(new ProgressRecord(QuoteProgressId, "Quoting renewals (" + quotes.Action + ")", QuotingStatus(quotes.Answered, quotes.Asked, "")));
            }
            var first = true;
            while (run.TryTake(out var item, first ? wait : TimeSpan.Zero))
            {
                first = false;
                if (item.Kind == SessionEventKind.Quote)
                {
                    onQuote(item.Quote!);
                }
                else
                {
                    WriteMessage(cmdlet, item);
                }
            }
        }

        private void Pump(QuoteRun run, TimeSpan wait, Action<RenewalQuote> onQuote) => Pump(this, run, wait, onQuote);

        /// <summary>Quotes every request (-WhatIf -IncludePrice), writing the run's messages meanwhile; in the requests' order.</summary>
        internal static IReadOnlyList<RenewalQuote> QuoteAll(CloudCmdletBase cmdlet, RenewalTools.Clients.QuoteApi api, CloudCredential credential, IReadOnlyList<RenewalRequest> requests, RenewalOptions options, string? currency)
        {
            var byId = new Dictionary<string, RenewalQuote>(StringComparer.OrdinalIgnoreCase);
            using (var run = new QuoteRun(api, credential, cmdlet.Endpoint, options, currency))
            {
                foreach (var request in requests)
                {
                    run.Enqueue(request);
                }
                while (run.Outstanding > 0 && !cmdlet.Stopping)
                {
                    Pump(cmdlet, run, TimeSpan.FromMilliseconds(200), quote => byId[quote.InstanceId] = quote);
                }
                Pump(cmdlet, run, TimeSpan.Zero, quote => byId[quote.InstanceId] = quote);
                CompleteProgress(cmdlet, run);
            }
            if (cmdlet.Stopping)
            {
                throw new PipelineStoppedException();
            }
            return requests.Select(r => byId[r.InstanceId]).ToList();
        }
    }
}
