using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>What the operator allows a run to spend (issue #11).</summary>
    internal sealed class SpendLimits
    {
        /// <summary>No renewal is sent unless every instance is priced and the total is at most this.</summary>
        public decimal? MaxTotalPrice { get; set; }
        /// <summary>The currency the cap is stated in; quotes in another currency refuse the run.</summary>
        public string? Currency { get; set; }
        /// <summary>A quoted total above the balance (or a balance that cannot be read) refuses the run instead of warning.</summary>
        public bool RequireBalance { get; set; }
        /// <summary>Read the balance before the first renewal.</summary>
        public bool CheckBalance { get; set; }
        /// <summary>The run must be priced before anything is sent, so every instance is held until then.</summary>
        public bool PricesFirst => MaxTotalPrice.HasValue || RequireBalance;
    }

    /// <summary>What a renewal run checks before spending: the limits, and the product's price inquiry and balance read.</summary>
    internal sealed class SpendPlan
    {
        public SpendPlan(SpendLimits limits, QuoteApi quotes, BalanceApi balance)
        {
            Limits = limits;
            Quotes = quotes;
            Balance = balance;
        }

        public SpendLimits Limits { get; }
        public QuoteApi Quotes { get; }
        public BalanceApi Balance { get; }

        public SpendGate Gate(CloudCaller caller, RenewalOptions options, Action<SessionEventKind, string> post) =>
            new SpendGate(Limits, new PriceQuotes(Quotes, caller, options, post), Balance, caller, options, post);
    }

    /// <summary>The outcome of the checks before spending: refused (with the one error), or allowed with warnings.</summary>
    internal sealed class SpendVerdict
    {
        public ErrorClass? Refusal { get; set; }
        public string Message { get; set; } = "";
        public List<string> Warnings { get; } = new List<string>();
        public bool Allowed => Refusal is null;
        /// <summary>The sum of the known prices, how many quotes have none, and the currency they are in (if stated or given).</summary>
        public decimal Total { get; set; }
        public int Unpriced { get; set; }
        public string? Currency { get; set; }
    }

    /// <summary>
    /// Prices renewals, one instance a request (see <see cref="QuoteApi"/>), concurrently under the inquiry's own limit.
    /// An inquiry is a read: it cannot charge, so it is retried like one.
    /// </summary>
    internal sealed class PriceQuotes
    {
        private readonly QuoteApi _api;
        private readonly CloudCaller _caller;
        private readonly RenewalOptions _options;
        private readonly Action<SessionEventKind, string> _post;
        private readonly RatePacer _pacer;
        private readonly SemaphoreSlim _gate;
        private int _asked;
        private int _answered;

        public PriceQuotes(QuoteApi api, CloudCaller caller, RenewalOptions options, Action<SessionEventKind, string> post)
        {
            _api = api;
            _caller = caller;
            _options = options;
            _post = post;
            _pacer = caller.PacerFor(api, api.RequestsPerSecond * options.PacingHeadroom);
            _gate = new SemaphoreSlim(Math.Max(1, options.ThrottleLimit));
        }

        public string Action => _api.Action;

        /// <summary>Quotes asked for and answered so far, for progress: quoting is the slow step of a capped run (one request each).</summary>
        public int Asked => Volatile.Read(ref _asked);

        public int Answered => Volatile.Read(ref _answered);

        /// <summary>The quote for one renewal; a price the cloud did not give is null with the reason. Throws only when stopped.</summary>
        public async Task<RenewalQuote> QuoteAsync(RenewalRequest request, string? currency, CancellationToken stop)
        {
            Interlocked.Increment(ref _asked);
            try
            {
                return await PriceAsync(request, currency, stop).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Increment(ref _answered);
            }
        }

        private async Task<RenewalQuote> PriceAsync(RenewalRequest request, string? currency, CancellationToken stop)
        {
            var quote = NewQuote(_api.Service, _api.Action, request.InstanceId, request);
            quote.Currency = currency;
            if (_api.CannotQuote(request) is string reason)
            {
                return Unpriced(quote, ErrorCatalog.Spend.Classify(SpendCodes.NotQuotable), reason);
            }
            await _gate.WaitAsync(stop).ConfigureAwait(false);
            try
            {
                var call = _api.Service + " " + _api.Action + " " + request.Describe();
                var (price, requestId) = await _caller.ReadAsync(_api, _pacer, _options, context => _api.BuildRequest(request, context),
                    outcome => _api.ParsePrice(outcome.Exchange.Body), call, _post, stop).ConfigureAwait(false);
                quote.RequestId = requestId;
                quote.OriginalPrice = price.OriginalPrice;
                quote.Price = price.Price;
                quote.Currency = price.Currency ?? currency;
                _post(SessionEventKind.Verbose, call + " -> " + (price.Price.HasValue ? FormatMoney(price.Price.Value, quote.Currency) : "no price") + ", RequestId " + requestId);
                return price.Price.HasValue ? Stamp(quote) : Unpriced(quote, ErrorCatalog.Spend.Classify(SpendCodes.PriceMissing), "");
            }
            catch (CloudReadException ex)
            {
                return Unpriced(quote, ex.Failure, ex.Message);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // A bug must not lose an input's quote: it is unpriced, so a capped run refuses rather than guesses.
                return Unpriced(quote, ErrorCatalog.Spend.Classify(SpendCodes.QuoteFailed), ErrorCatalog.Spend.Classify(SpendCodes.QuoteFailed).Meaning + " " + ex.Message);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>A quote of one input before it is priced: what it would renew, and nothing else yet.</summary>
        internal static RenewalQuote NewQuote(string service, string action, string instanceId, RenewalRequest? request) => new RenewalQuote
        {
            Service = service,
            Action = action,
            InstanceId = instanceId,
            Region = request is null || request.Region.Length == 0 ? null : request.Region,
            Period = request?.ReportedPeriod,
            PeriodUnit = request?.ReportedUnit,
            ExpectedRenewDay = request?.ExpectedRenewDay,
        };

        private static RenewalQuote Unpriced(RenewalQuote quote, ErrorClass failure, string detail)
        {
            quote.Price = null;
            quote.ErrorCode = failure.Code;
            quote.Message = string.IsNullOrWhiteSpace(detail) ? failure.Meaning : detail;
            return Stamp(quote);
        }

        private static RenewalQuote Stamp(RenewalQuote quote)
        {
            quote.QuotedAt = DateTimeOffset.UtcNow;
            return quote;
        }

        internal static string FormatMoney(decimal amount, string? currency) =>
            amount.ToString("0.00", CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(currency) ? "" : " " + currency);
    }

    /// <summary>
    /// The checks a run passes before it spends: every instance priced, the total within -MaxTotalPrice, in the stated
    /// currency, and within the account's balance. The balance is advisory unless -RequireBalance: vouchers and credit
    /// can pay what the balance does not (cloud-read-apis.md §D).
    /// </summary>
    internal sealed class SpendGate
    {
        private readonly PriceQuotes _quotes;
        private readonly BalanceApi _balance;
        private readonly CloudCaller _caller;
        private readonly RenewalOptions _options;
        private readonly Action<SessionEventKind, string> _post;

        public SpendGate(SpendLimits limits, PriceQuotes quotes, BalanceApi balance, CloudCaller caller, RenewalOptions options, Action<SessionEventKind, string> post)
        {
            Limits = limits;
            _quotes = quotes;
            _balance = balance;
            _caller = caller;
            _options = options;
            _post = post;
        }

        public SpendLimits Limits { get; }

        public PriceQuotes Quotes => _quotes;

        /// <summary>Prices every held renewal (each request gets its Price), reads the balance, and decides.</summary>
        public async Task<SpendVerdict> CheckAsync(IReadOnlyList<RenewalRequest> held, CancellationToken stop)
        {
            var quotes = await Task.WhenAll(held.Select(r => _quotes.QuoteAsync(r, Limits.Currency, stop))).ConfigureAwait(false);
            for (var i = 0; i < held.Count; i++)
            {
                held[i].Price = quotes[i].Price;
                held[i].Currency = quotes[i].Currency;
            }
            var verdict = Decide(quotes, Limits);
            if (!verdict.Allowed || held.Count == 0)
            {
                return verdict;
            }
            _post(SessionEventKind.Verbose, "Quoted " + quotes.Length + " renewal(s) (" + _quotes.Action + "): " + PriceQuotes.FormatMoney(verdict.Total, verdict.Currency) + (Limits.MaxTotalPrice.HasValue ? ", within -MaxTotalPrice " + PriceQuotes.FormatMoney(Limits.MaxTotalPrice.Value, verdict.Currency) : "") + ".");
            await CheckBalanceAsync(verdict, held[0].Region, verdict.Total, verdict.Currency, stop).ConfigureAwait(false);
            return verdict;
        }

        /// <summary>The balance check of a run that is not priced first: with no total, only a negative balance is news.</summary>
        public async Task<SpendVerdict> CheckBalanceOnlyAsync(string region, CancellationToken stop)
        {
            var verdict = new SpendVerdict();
            await CheckBalanceAsync(verdict, region, null, null, stop).ConfigureAwait(false);
            return verdict;
        }

        private async Task CheckBalanceAsync(SpendVerdict verdict, string region, decimal? total, string? currency, CancellationToken stop)
        {
            if (!Limits.CheckBalance)
            {
                return;
            }
            AccountBalance balance;
            try
            {
                // An advisory read must not hold the renewals back for minutes when billing is unreachable: a couple of
                // quick tries, then the warning. With -RequireBalance it is binding, and retried like any read.
                var options = Limits.RequireBalance ? _options : AdvisoryRead;
                var pacer = _caller.PacerFor(_balance, _balance.RequestsPerSecond * _options.PacingHeadroom);
                (balance, _) = await _caller.ReadAsync(_balance, pacer, options, context => _balance.BuildRequest(region, context),
                    outcome => _balance.ParseBalance(outcome.Exchange.Body), _balance.Service + " " + _balance.Action, _post, stop,
                    Limits.RequireBalance || _caller.Timeout < AdvisoryTimeout ? (TimeSpan?)null : AdvisoryTimeout).ConfigureAwait(false);
            }
            catch (CloudReadException ex)
            {
                var text = "Balance not checked: " + ex.Failure.Code + ": " + ex.Message;
                if (Limits.RequireBalance)
                {
                    Refuse(verdict, SpendCodes.BalanceNotChecked, text + " -RequireBalance needs it, so nothing was renewed.");
                }
                else
                {
                    verdict.Warnings.Add(text + " The run goes on.");
                }
                return;
            }
            var shown = PriceQuotes.FormatMoney(balance.Available, balance.Currency ?? currency);
            _post(SessionEventKind.Verbose, "Account balance " + shown + " (" + _balance.Figure + ").");
            if (total.HasValue && balance.Currency != null && currency != null && !string.Equals(balance.Currency, currency, StringComparison.OrdinalIgnoreCase))
            {
                var text = "Balance not checked: the account's balance is in " + balance.Currency + " but the quotes are in " + currency + ".";
                if (Limits.RequireBalance)
                {
                    Refuse(verdict, SpendCodes.BalanceNotChecked, text + " -RequireBalance needs a comparable balance, so nothing was renewed.");
                }
                else
                {
                    verdict.Warnings.Add(text + " The run goes on.");
                }
                return;
            }
            var needed = total ?? 0;
            if (balance.Available >= needed && balance.Available >= 0)
            {
                return;
            }
            var text2 = total.HasValue
                ? "The quoted total " + PriceQuotes.FormatMoney(needed, currency) + " is more than the account's available balance " + shown + " (" + _balance.Figure + ")."
                : "The account's available balance is " + shown + " (" + _balance.Figure + "); renewals may be refused for insufficient balance.";
            if (Limits.RequireBalance && total.HasValue)
            {
                Refuse(verdict, SpendCodes.InsufficientBalance, text2 + " -RequireBalance was given, so nothing was renewed.");
            }
            else
            {
                verdict.Warnings.Add(text2 + " Vouchers or credit may still cover it; the run goes on.");
            }
        }

        private static readonly TimeSpan AdvisoryTimeout = TimeSpan.FromSeconds(10);

        private static readonly RenewalOptions AdvisoryRead = new RenewalOptions { MaxAttempts = 2, MaxThrottledAttempts = 3, MaxConnectAttempts = 1, MaxIdempotentAttempts = 1 };

        /// <summary>The rule of -MaxTotalPrice and -Currency over a run's quotes (one place; the quote-only path uses it too).</summary>
        public static SpendVerdict Decide(IReadOnlyList<RenewalQuote> quotes, SpendLimits limits)
        {
            var verdict = new SpendVerdict
            {
                Total = quotes.Sum(q => q.Price ?? 0),
                Unpriced = quotes.Count(q => !q.Price.HasValue),
                Currency = quotes.Select(q => q.Currency).FirstOrDefault(c => c != null) ?? limits.Currency,
            };
            if (!limits.PricesFirst)
            {
                return verdict;
            }
            var unpriced = quotes.Where(q => !q.Price.HasValue).ToList();
            if (unpriced.Count > 0)
            {
                Refuse(verdict, SpendCodes.PriceUnknown, unpriced.Count + " of " + quotes.Count + " instance(s) have no price, so the total is not known and nothing was renewed: "
                    + string.Join("; ", unpriced.Take(5).Select(q => q.InstanceId + " (" + q.ErrorCode + ": " + q.Message + ")")) + (unpriced.Count > 5 ? "; and " + (unpriced.Count - 5) + " more" : "") + ".");
                return verdict;
            }
            var currencies = quotes.Select(q => q.Currency).Where(c => c != null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (currencies.Count > 1 || (limits.Currency != null && currencies.Count == 1 && !string.Equals(currencies[0], limits.Currency, StringComparison.OrdinalIgnoreCase)))
            {
                Refuse(verdict, SpendCodes.CurrencyMismatch, "The quotes are in " + string.Join(", ", currencies) + (limits.Currency is null ? "" : " but -Currency " + limits.Currency + " was given") + "; nothing was renewed.");
                return verdict;
            }
            var total = verdict.Total;
            if (limits.MaxTotalPrice.HasValue && total > limits.MaxTotalPrice.Value)
            {
                var currency = verdict.Currency;
                var top = quotes.OrderByDescending(q => q.Price!.Value).ThenBy(q => q.InstanceId, StringComparer.Ordinal).Take(5)
                    .Select(q => q.InstanceId + " " + PriceQuotes.FormatMoney(q.Price!.Value, currency));
                Refuse(verdict, SpendCodes.SpendCapExceeded, "Renewing these " + quotes.Count + " instance(s) would cost " + PriceQuotes.FormatMoney(total, currency) + ", more than -MaxTotalPrice "
                    + PriceQuotes.FormatMoney(limits.MaxTotalPrice.Value, currency) + "; nothing was renewed. Most expensive: " + string.Join(", ", top) + ".");
            }
            return verdict;
        }

        private static void Refuse(SpendVerdict verdict, string code, string message)
        {
            verdict.Refusal = ErrorCatalog.Spend.Classify(code);
            verdict.Message = message;
        }
    }
}

namespace RenewalTools.Engine
{
    /// <summary>
    /// A quote-only run (Get-*RenewalQuote, -WhatIf -IncludePrice): instances are priced as they arrive, concurrently,
    /// and each quote is queued for the pipeline thread. Nothing here can charge.
    /// </summary>
    internal sealed class QuoteRun : IDisposable
    {
        private readonly PriceQuotes _quotes;
        private readonly string? _currency;
        private readonly System.Collections.Concurrent.BlockingCollection<SessionEvent> _events = new System.Collections.Concurrent.BlockingCollection<SessionEvent>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _outstanding;
        private long _lastProgress;

        public QuoteRun(QuoteApi api, Credentials.CloudCredential credential, Uri? endpoint, RenewalOptions options, string? currency)
        {
            _quotes = new PriceQuotes(api, new CloudCaller(credential, endpoint, options.Timeout), options, (kind, text) => _events.Add(SessionEvent.Message(kind, text)));
            _currency = currency;
        }

        /// <summary>Instances accepted whose quote has not been queued yet.</summary>
        public int Outstanding => Volatile.Read(ref _outstanding);

        public PriceQuotes Quotes => _quotes;

        public void Enqueue(RenewalRequest request)
        {
            Interlocked.Increment(ref _outstanding);
            Task.Run(async () =>
            {
                try
                {
                    _events.Add(SessionEvent.ForQuote(await _quotes.QuoteAsync(request, _currency, _stop.Token).ConfigureAwait(false)));
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    Interlocked.Decrement(ref _outstanding);
                }
            });
        }

        public bool TryTake(out SessionEvent item, TimeSpan timeout) => _events.TryTake(out item!, timeout);

        /// <summary>True at most four times a second, for progress records.</summary>
        public bool ProgressDue()
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (now - _lastProgress < System.Diagnostics.Stopwatch.Frequency / 4)
            {
                return false;
            }
            _lastProgress = now;
            return true;
        }

        public void Stop() => _stop.Cancel();

        public void Dispose()
        {
            Stop();
            GC.SuppressFinalize(this);
        }
    }
}
