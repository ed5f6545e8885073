using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>The spend checks' codes (<see cref="SpendCodes"/>), classified.</summary>
    internal static class SpendErrors
    {
        private const ErrorScope Req = ErrorScope.Request;
        private const ErrorScope Inst = ErrorScope.Instance;

        /// <summary>What the module decides from quotes and the balance before it spends anything (issue #11).</summary>
        public static ErrorCatalog Catalog { get; } = new ErrorCatalog()
            .Final(SpendCodes.SpendCapExceeded, FailureCategory.LimitsExceeded, Req, "The quoted total is above -MaxTotalPrice; nothing was renewed.")
            .Final(SpendCodes.PriceUnknown, FailureCategory.InvalidResult, Req, "Some instances have no price, so the total is not known; nothing was renewed.")
            .Final(SpendCodes.CurrencyMismatch, FailureCategory.InvalidArgument, Req, "The quotes are not in the -Currency given; nothing was renewed.")
            .Final(SpendCodes.InsufficientBalance, FailureCategory.QuotaExceeded, Req, "The quoted total is above the account's available balance.")
            .Final(SpendCodes.BalanceNotChecked, FailureCategory.ReadError, Req, "The account balance could not be read.")
            .Final(SpendCodes.PriceMissing, FailureCategory.InvalidResult, Inst, "The cloud's answer names no price for this renewal; its cost is unknown.")
            .Final(SpendCodes.NotQuotable, FailureCategory.InvalidOperation, Inst, "The cloud's price inquiry cannot price this renewal.")
            .Final(SpendCodes.QuoteFailed, FailureCategory.InvalidResult, Inst, "The inquiry could not be completed (an internal error); its cost is unknown.");
    }
}
