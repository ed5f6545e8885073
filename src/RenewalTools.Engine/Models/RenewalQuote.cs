using System;

namespace RenewalTools
{
    /// <summary>
    /// What renewing one instance would cost, as the cloud's price inquiry answers it; written once per input by the
    /// Get-*RenewalQuote cmdlets. A price the cloud did not give is null (unknown), never zero.
    /// </summary>
    public sealed class RenewalQuote
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
        /// <summary>ECS: renewing to the account's unified expiry day instead of by Period.</summary>
        public int? ExpectedRenewDay { get; set; }
        /// <summary>List price before discounts.</summary>
        public decimal? OriginalPrice { get; set; }
        /// <summary>What the renewal will charge: Tencent DiscountPrice, Alibaba TradePrice.</summary>
        public decimal? Price { get; set; }
        /// <summary>Stated by Alibaba (CNY, USD); Tencent's quotes state none (yuan on the China site), so it is the -Currency given, if any.</summary>
        public string? Currency { get; set; }
        /// <summary>The RequestId of the cloud's answer that decided the result; quote it to the cloud's support.</summary>
        public string? RequestId { get; set; }
        /// <summary>The cloud action that priced it, e.g. InquiryPriceRenewInstances.</summary>
        public string Action { get; set; } = "";
        /// <summary>Set when there is no price: the cloud's error code, or the module's (InvalidInput, PriceMissing, NotQuotable).</summary>
        public string? ErrorCode { get; set; }
        /// <summary>What happened, in words: the error's meaning and the cloud's message, or a note on success.</summary>
        public string? Message { get; set; }
        /// <summary>When the cloud was asked for the price (UTC).</summary>
        public DateTimeOffset QuotedAt { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{Service} {InstanceId}: {(Price.HasValue ? Price.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + (Currency is null ? "" : " " + Currency) : "no price" + (ErrorCode is null ? "" : " (" + ErrorCode + ")"))}";
    }
}
