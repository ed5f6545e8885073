using RenewalTools.Errors;

namespace RenewalTools.Transport
{
    /// <summary>The module's codes for failures below the cloud's API (<see cref="TransportCodes"/>), classified.</summary>
    internal static class TransportErrors
    {
        /// <summary>Failures that happen below the cloud's API: no code in any response.</summary>
        public static ErrorCatalog Catalog { get; } = new ErrorCatalog()
            .Retry(TransportCodes.ConnectFailed, FailureCategory.ConnectionError, "The connection could not be opened; nothing was sent.")
            .Unsure(TransportCodes.ConnectionDropped, FailureCategory.ConnectionError, "The connection closed after the request was sent; it may have executed.")
            .Unsure(TransportCodes.Timeout, FailureCategory.OperationTimeout, "No answer within -TimeoutSec; the request may have executed.")
            .Unsure(TransportCodes.ServerError, FailureCategory.ResourceUnavailable, "The server answered 5xx without an API error; the request may have executed.")
            .Unsure(TransportCodes.UnreadableResponse, FailureCategory.InvalidResult, "The answer could not be read; the request may have executed.")
            .Unsure(TransportCodes.PreviousRunUnknown, FailureCategory.InvalidResult, "An earlier run sent this renewal and recorded no final answer; it may have executed.")
            .Final(TransportCodes.JournalUnavailable, FailureCategory.ResourceUnavailable, ErrorScope.Request, "The journal could not record the intent, so nothing was sent (a request without its intent on record could not be settled after a crash).");
    }
}
