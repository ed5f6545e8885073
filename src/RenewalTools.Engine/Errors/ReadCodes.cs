namespace RenewalTools.Errors
{
    /// <summary>Codes the module assigns from what it read of the cloud's state (issue #10).</summary>
    internal static class ReadCodes
    {
        /// <summary>The pre-read found no such instance in the region: nothing sent.</summary>
        public const string InstanceNotFound = "InstanceNotFound";
        /// <summary>The pre-read found a postpaid (or other non-monthly) instance: nothing sent.</summary>
        public const string NotPrepaid = "NotPrepaid";
        /// <summary>The pre-read found a renewal already running (CVM LatestOperation): nothing sent.</summary>
        public const string RenewalInProgress = "RenewalInProgress";
        /// <summary>-OnlyIfExpiringWithinDays: the instance is not due.</summary>
        public const string NotDue = "NotDue";
        /// <summary>-OnlyIfExpiringWithinDays was given and the expiry could not be read: nothing sent.</summary>
        public const string PreReadFailed = "PreReadFailed";
        /// <summary>The cloud reported the asynchronous renewal FAILED (CVM LatestOperationState).</summary>
        public const string RenewalOperationFailed = "RenewalOperationFailed";
        /// <summary>The cloud reported the asynchronous auto-renew policy change FAILED (CVM LatestOperationState).</summary>
        public const string PolicyOperationFailed = "PolicyOperationFailed";
        /// <summary>The billing order of an unanswered renewal was not delivered (Tencent DescribeDealsByCond): nothing renewed.</summary>
        public const string RenewalOrderClosed = "RenewalOrderClosed";
        /// <summary>A Tencent renewal without a RenewFlag asked for, and the instance's own flag could not be read: nothing sent.</summary>
        public const string RenewFlagUnknown = "RenewFlagUnknown";
        /// <summary>The cloud's records prove an unanswered attempt did not execute (the resend's reason).</summary>
        public const string DidNotExecute = "DidNotExecute";
        /// <summary>A read (describe, quote, balance) got an answer without the shape it needs.</summary>
        public const string UnreadableAnswer = "UnreadableAnswer";
    }
}
