using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
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
}
