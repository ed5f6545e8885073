using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>The module's codes for what it concludes from the cloud's state (<see cref="ReadCodes"/>), classified.</summary>
    internal static class ReadErrors
    {
        private const ErrorScope Inst = ErrorScope.Instance;

        /// <summary>What the module concludes from the cloud's state (ReadCodes): refusals before sending, reported failures.</summary>
        public static ErrorCatalog Catalog { get; } = new ErrorCatalog()
            .Final(ReadCodes.InstanceNotFound, FailureCategory.ObjectNotFound, Inst, "The cloud knows no such instance in this region.")
            .Final(ReadCodes.NotPrepaid, FailureCategory.InvalidOperation, Inst, "Only prepaid (monthly/annual) instances can be renewed or have an auto-renew policy.")
            .Final(ReadCodes.PreReadFailed, FailureCategory.ReadError, Inst, "The instance's expiry could not be read.")
            .Final(ReadCodes.RenewalOperationFailed, FailureCategory.InvalidResult, Inst, "The cloud reports that the renewal failed.")
            .Final(ReadCodes.PolicyOperationFailed, FailureCategory.InvalidResult, Inst, "The cloud reports that the auto-renew policy change failed.")
            .Final(ReadCodes.RenewalOrderClosed, FailureCategory.InvalidResult, Inst, "The renewal's billing order was not delivered (failed, refunded or closed); nothing was renewed.")
            .Final(ReadCodes.RenewFlagUnknown, FailureCategory.ReadError, Inst, "The instance's auto-renew flag could not be read before sending, and a renewal without it may switch auto-renewal off (Tencent's documented default is NOTIFY_AND_MANUAL_RENEW).")
            // Evidence showed an unanswered attempt did not execute: nothing ran, so it is sent again under the throttling budget.
            .Retry(ReadCodes.DidNotExecute, FailureCategory.LimitsExceeded, "The cloud's records show the unanswered attempt did not execute.")
            // A read cannot have executed anything, so an answer it cannot use is simply asked for again.
            .Retry(ReadCodes.UnreadableAnswer, FailureCategory.ReadError, "The answer could not be read.");
    }
}
