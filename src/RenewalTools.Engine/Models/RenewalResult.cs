using System;

namespace RenewalTools
{
    /// <summary>The outcome of renewing one instance; the module's output type.</summary>
    public sealed class RenewalResult : IWriteResult
    {
        /// <summary>The product: CVM, MongoDB or ECS.</summary>
        public string Service { get; set; } = "";
        /// <summary>The instance, as given.</summary>
        public string InstanceId { get; set; } = "";
        /// <summary>The instance's region; null when the input named none that could be used.</summary>
        public string? Region { get; set; }
        /// <summary>The period asked for; null for an ECS renewal to the unified expiry day.</summary>
        public int? Period { get; set; }
        /// <summary>The unit of the period (Month, Week, Year).</summary>
        public string? PeriodUnit { get; set; }
        /// <summary>What happened (see the status enum).</summary>
        public RenewalStatus Status { get; set; }
        /// <summary>The cloud's error code, or the module's own code (InvalidInput, NotPrepaid…); null on success.</summary>
        public string? ErrorCode { get; set; }
        /// <summary>What happened, in words: the error's meaning and the cloud's message, or a note on success.</summary>
        public string? Message { get; set; }
        /// <summary>The RequestId of the cloud's answer that decided the result; quote it to the cloud's support.</summary>
        public string? RequestId { get; set; }
        /// <summary>Tencent legacy APIs answer with a deal (order) id.</summary>
        public string? DealId { get; set; }
        /// <summary>Alibaba ECS answers with an order id.</summary>
        public string? OrderId { get; set; }
        /// <summary>Requests that carried this instance (1 = no retry).</summary>
        public int Attempts { get; set; }
        /// <summary>The cloud action used, e.g. RenewInstances.</summary>
        public string Action { get; set; } = "";
        /// <summary>How the error was classified: SafeToRetry, Final or MayHaveExecuted.</summary>
        public string? ErrorClass { get; set; }
        /// <summary>The expiry the cloud reported before the renewal (UTC).</summary>
        public DateTimeOffset? PreviousExpiry { get; set; }
        /// <summary>The expiry the cloud reported after it (UTC): set when the renewal is confirmed from the cloud's state.</summary>
        public DateTimeOffset? NewExpiry { get; set; }
        /// <summary>What the quote before sending priced the renewal at (runs with -MaxTotalPrice or -RequireBalance).</summary>
        public decimal? Price { get; set; }
        /// <summary>The quote's currency: stated by Alibaba; for Tencent the -Currency given, if any.</summary>
        public string? Currency { get; set; }
        /// <summary>The ECS ClientToken sent, so a later run can be matched to the order.</summary>
        public string? ClientToken { get; set; }
        /// <summary>When the result was decided (UTC).</summary>
        public DateTimeOffset CompletedAt { get; set; }

        string IWriteResult.StatusText => Status.ToString();

        /// <inheritdoc/>
        public override string ToString() => $"{Service} {InstanceId}: {Status}{(ErrorCode is null ? "" : " (" + ErrorCode + ")")}";
    }
}
