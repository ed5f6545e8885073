using RenewalTools.Errors;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>Tencent's error codes, named and classified, for the API 3.0 and legacy-gateway clients beside this file.</summary>
    internal static class TencentErrors
    {
        private const ErrorScope Req = ErrorScope.Request;
        private const ErrorScope Inst = ErrorScope.Instance;

        /// <summary>Tencent Cloud API 3.0 (CVM RenewInstances, MongoDB RenewDBInstances, and RenewInstances on the legacy gateway).</summary>
        public static ErrorCatalog Api3 { get; } = new ErrorCatalog()
            // Common codes, cloud-apis.md §1.6.
            .Final("AuthFailure.SignatureFailure", FailureCategory.AuthenticationError, Req, "The signature did not match: check the SecretKey.")
            .Add("AuthFailure.SignatureExpire", ErrorKind.SafeToRetry, FailureCategory.AuthenticationError, Req, "The request timestamp is more than 5 minutes from the server's clock.", clockSkew: true)
            .Final("AuthFailure.SecretIdNotFound", FailureCategory.AuthenticationError, Req, "The SecretId does not exist or is disabled (check for stray whitespace).")
            .Final("AuthFailure.InvalidSecretId", FailureCategory.AuthenticationError, Req, "The SecretId is not an API key.")
            .Final("AuthFailure.InvalidAuthorization", FailureCategory.AuthenticationError, Req, "The Authorization header is malformed.")
            .Final("AuthFailure.TokenFailure", FailureCategory.AuthenticationError, Req, "The STS token is invalid or expired.")
            .Final("AuthFailure.MFAFailure", FailureCategory.AuthenticationError, Req, "MFA verification failed.")
            .Final("AuthFailure.UnauthorizedOperation", FailureCategory.PermissionDenied, Req, "CAM denies this key the action (check its policy for the action named in the request).")
            .Final("UnauthorizedOperation", FailureCategory.PermissionDenied, Req, "Not authorized.")
            .Retry("RequestLimitExceeded", FailureCategory.LimitsExceeded, "Rate limited; resent after backoff.")
            // The three rate-limit variants §1.6 lists beside RequestLimitExceeded: throttled before execution.
            .Retry("RequestLimitExceeded.UinLimitExceeded", FailureCategory.LimitsExceeded, "The account's rate limit was exceeded; resent after backoff.")
            .Retry("RequestLimitExceeded.IPLimitExceeded", FailureCategory.LimitsExceeded, "The caller IP's rate limit was exceeded; resent after backoff.")
            .Retry("RequestLimitExceeded.GlobalRegionUinLimitExceeded", FailureCategory.LimitsExceeded, "The account's cross-region rate limit was exceeded; resent after backoff.")
            .Final("RequestSizeLimitExceeded", FailureCategory.LimitsExceeded, Req, "The request is too large.")
            .Final("ResponseSizeLimitExceeded", FailureCategory.LimitsExceeded, Req, "The response is too large.")
            .Unsure("InternalError", FailureCategory.ResourceUnavailable, "Server error; the renewal may have executed. Check the console before renewing again.")
            .Unsure("ServiceUnavailable", FailureCategory.ResourceUnavailable, "The service is unavailable; whether it executed is not known.")
            .Final("InvalidAction", FailureCategory.InvalidOperation, Req, "The action does not exist on this endpoint.")
            .Final("NoSuchVersion", FailureCategory.InvalidOperation, Req, "The API version does not exist.")
            .Final("NoSuchProduct", FailureCategory.InvalidOperation, Req, "The product does not exist on this endpoint.")
            .Final("ActionOffline", FailureCategory.InvalidOperation, Req, "The action has been taken offline.")
            .Final("InvalidParameter", FailureCategory.InvalidArgument, Req, "A parameter is invalid.")
            .Final("InvalidParameterValue", FailureCategory.InvalidArgument, Inst, "A parameter value is invalid.")
            .Final("MissingParameter", FailureCategory.InvalidArgument, Req, "A required parameter is missing.")
            .Final("UnknownParameter", FailureCategory.InvalidArgument, Req, "An unknown parameter was sent.")
            .Final("LimitExceeded", FailureCategory.QuotaExceeded, Req, "A quota was exceeded.")
            .Final("ResourceInUse", FailureCategory.ResourceBusy, Inst, "The resource is in use.")
            .Final("ResourceInsufficient", FailureCategory.ResourceUnavailable, Req, "Resources are insufficient.")
            .Final("ResourceNotFound", FailureCategory.ObjectNotFound, Inst, "The resource does not exist.")
            .Final("ResourceUnavailable", FailureCategory.ResourceUnavailable, Inst, "The resource is unavailable.")
            .Final("UnsupportedOperation", FailureCategory.InvalidOperation, Inst, "The operation is not supported for this resource.")
            .Final("UnsupportedRegion", FailureCategory.InvalidArgument, Req, "The region is not supported.")
            .Final("UnsupportedProtocol", FailureCategory.InvalidOperation, Req, "The protocol is not supported (HTTPS is required).")
            .Final("DryRunOperation", FailureCategory.InvalidOperation, Req, "Dry run only.")
            .Final("FailedOperation", FailureCategory.InvalidOperation, Req, "The operation failed.")
            .Final("InvalidRequest", FailureCategory.InvalidArgument, Req, "The request is invalid.")
            .Final("IpInBlacklist", FailureCategory.PermissionDenied, Req, "The caller's IP is blacklisted.")
            .Final("IpNotInWhitelist", FailureCategory.PermissionDenied, Req, "The caller's IP is not whitelisted.")
            // CVM RenewInstances, cloud-apis.md §2 and seed 001.
            .Final("FailedOperation.InvalidInstanceApplicationRoleEmr", FailureCategory.InvalidOperation, Inst, "EMR-managed instances cannot be renewed here.")
            .Unsure("InternalError.TradeUnknownError", FailureCategory.ResourceUnavailable, "Billing error; the renewal may have executed.")
            .Unsure("InternalServerError", FailureCategory.ResourceUnavailable, "Server error; the renewal may have executed.")
            .Final("InvalidAccount.InsufficientBalance", FailureCategory.QuotaExceeded, Req, "The account balance does not cover the renewal: top up.")
            .Final("InvalidAccount.UnpaidOrder", FailureCategory.InvalidOperation, Req, "The account has an unpaid order: pay or cancel it first.")
            .Final("InvalidInstance.NotSupported", FailureCategory.InvalidOperation, Inst, "The instance does not support renewal.")
            .Final("InvalidInstanceId.Malformed", FailureCategory.InvalidArgument, Inst, "The instance ID is malformed.")
            .Final("InvalidInstanceId.NotFound", FailureCategory.ObjectNotFound, Inst, "No such instance in this region.")
            .Final("InvalidParameterValue.InstanceIdMalformed", FailureCategory.InvalidArgument, Inst, "The instance ID is malformed.")
            .Final("InvalidParameterValue.InstanceNotSupportedMixPricingModel", FailureCategory.InvalidOperation, Inst, "Instances with mixed pricing models cannot be renewed together.")
            .Final("InvalidParameterValue.LimitExceeded", FailureCategory.LimitsExceeded, Req, "Too many instances in one request.")
            .Final("InvalidPeriod", FailureCategory.InvalidArgument, Req, "The period is not one the API accepts.")
            .Final("OperationDenied.InstanceOperationInProgress", FailureCategory.ResourceBusy, Inst, "Another operation is in progress on the instance: rerun later.")
            .Final("UnsupportedOperation.InstanceChargeType", FailureCategory.InvalidOperation, Inst, "Only prepaid (monthly/annual) instances can be renewed.")
            .Final("UnsupportedOperation.InstanceStateBanning", FailureCategory.InvalidOperation, Inst, "The instance is banned.")
            .Final("UnsupportedOperation.InstanceStateFreezing", FailureCategory.InvalidOperation, Inst, "The instance is freezing.")
            .Final("UnsupportedOperation.InstanceStatePending", FailureCategory.InvalidOperation, Inst, "The instance is pending.")
            .Final("UnsupportedOperation.InstanceStateRebooting", FailureCategory.InvalidOperation, Inst, "The instance is rebooting.")
            .Final("UnsupportedOperation.InstanceStateStarting", FailureCategory.InvalidOperation, Inst, "The instance is starting.")
            .Final("UnsupportedOperation.InstanceStateStopping", FailureCategory.InvalidOperation, Inst, "The instance is stopping.")
            .Final("UnsupportedOperation.InstanceStateTerminating", FailureCategory.InvalidOperation, Inst, "The instance is terminating.")
            // InquiryPriceRenewInstances' extra codes (cloud-apis.md §2.1): refusals, named so they are never "unrecognised".
            .Final("InvalidParameterValue.Range", FailureCategory.InvalidArgument, Req, "A parameter value is out of range.")
            .Final("ResourceInsufficient.CloudDiskUnavailable", FailureCategory.ResourceUnavailable, Inst, "A cloud disk of the instance is unavailable.")
            .Final("UnsupportedOperation.InvalidDiskBackupQuota", FailureCategory.InvalidOperation, Inst, "The disk backup quota does not allow the operation.")
            // MongoDB RenewDBInstances, cloud-apis.md §3.
            .Final("InvalidParameter.PermissionDenied", FailureCategory.PermissionDenied, Req, "The account may not renew this instance.")
            .Final("InvalidParameterValue.InvalidTradeOperation", FailureCategory.InvalidOperation, Inst, "The instance cannot be renewed (not prepaid, or not in a renewable state).")
            .Final("InvalidParameterValue.NotFoundInstance", FailureCategory.ObjectNotFound, Inst, "No such MongoDB instance in this region.")
            // InquirePriceRenewDBInstances' extra codes (cloud-apis.md §3.1); an InternalError subcode may have executed like its parent.
            .Unsure("InternalError.FindInstanceFailed", FailureCategory.ResourceUnavailable, "Server error while finding the instance; the renewal may have executed.")
            .Final("InvalidParameterValue.ZoneClosed", FailureCategory.InvalidOperation, Inst, "The instance's zone is closed for this operation.")
            // CVM ModifyInstancesRenewFlag (sdk-go cvm/v20170312/client.go; policy-and-evidence.md §2).
            .Final("MutexOperation.TaskRunning", FailureCategory.ResourceBusy, Inst, "Another task is running on the instance: rerun later.")
            .Final("UnauthorizedOperation.MFAExpired", FailureCategory.AuthenticationError, Req, "The MFA code has expired.")
            .Final("UnauthorizedOperation.MFANotFound", FailureCategory.AuthenticationError, Req, "The action needs MFA, and none was given.")
            .Final("UnsupportedOperation.InstanceStateEnterRescueMode", FailureCategory.InvalidOperation, Inst, "The instance is entering rescue mode.")
            .Final("UnsupportedOperation.InstanceStateExitRescueMode", FailureCategory.InvalidOperation, Inst, "The instance is leaving rescue mode.")
            .Final("UnsupportedOperation.InstanceStateIsolating", FailureCategory.InvalidOperation, Inst, "The instance is being isolated.")
            .Final("UnsupportedOperation.InstanceStateRescueMode", FailureCategory.InvalidOperation, Inst, "The instance is in rescue mode.")
            .Final("UnsupportedOperation.InstanceStateServiceLiveMigrate", FailureCategory.InvalidOperation, Inst, "The instance is being live-migrated.")
            .Final("UnsupportedOperation.InstanceStateShutdown", FailureCategory.InvalidOperation, Inst, "The instance is shut down (isolated).")
            .Final("UnsupportedOperation.SpecialInstanceType", FailureCategory.InvalidOperation, Inst, "This instance type does not support the operation.")
            .Final("UnsupportedOperation.UnderwritingInstanceTypeOnlySupportAutoRenew", FailureCategory.InvalidOperation, Inst, "Underwriting instances support only auto-renewal; their policy cannot be changed.")
            // MongoDB SetAutoRenew 2018-04-08 (sdk-go mongodb/v20180408/client.go).
            .Final("InvalidParameterValue.PostPayRenewError", FailureCategory.InvalidOperation, Inst, "Postpaid (pay-as-you-go) instances have no auto-renew policy.");

        /// <summary>
        /// Tencent legacy gateway (cvm/mongodb.api.qcloud.com/v2/index.php): named module codes arrive in codeDesc,
        /// numeric common codes in code (cloud-apis.md §4.4, seeds 000 and 002).
        /// </summary>
        public static ErrorCatalog Legacy { get; } = new ErrorCatalog()
            // Seed 000, CVM RenewInstance.
            .Final("OperationConstraints.InvaildInstanceStatus", FailureCategory.InvalidOperation, Inst, "The instance's status does not allow renewal (or could not be read).")
            .Final("OperationConstraints.AccountBalanceNotEnough", FailureCategory.QuotaExceeded, Req, "The account balance does not cover the renewal: top up.")
            .Final("PermissionDenied.UserQualificationAuditFailed", FailureCategory.PermissionDenied, Req, "The account failed qualification verification.")
            .Final("NotSupport.SharedInstance", FailureCategory.InvalidOperation, Inst, "Shared instances cannot be renewed.")
            // "Busy with resource purchase" is a refusal before the purchase starts, so a later resend is safe.
            .Retry("OperationFail.SystemBusy", FailureCategory.ResourceBusy, "The billing system is busy; resent after backoff.")
            // Seed 002, MongoDB RenewMongoDB (numeric module codes).
            .Final("11050", FailureCategory.InvalidArgument, Inst, "InvalidParameter: a business parameter is incorrect.")
            .Final("11056", FailureCategory.ObjectNotFound, Inst, "InstanceNotExists: the instance does not exist.")
            .Final("11051", FailureCategory.ObjectNotFound, Inst, "InstanceDeleted: the instance was reclaimed after expiry.")
            .Final("11067", FailureCategory.InvalidArgument, Req, "PeriodNotInRange: the period is not supported.")
            .Final("100207", FailureCategory.QuotaExceeded, Req, "OperationConstraints.AccountBalanceNotEnough: top up.")
            // Numeric common codes (cloud-apis.md §4.4, S19).
            .Final("4000", FailureCategory.InvalidArgument, Req, "A request parameter is wrong.")
            .Final("4100", FailureCategory.AuthenticationError, Req, "Authentication failed: check the SecretId/SecretKey.")
            .Final("4101", FailureCategory.PermissionDenied, Req, "CAM denies this key the action.")
            .Final("4102", FailureCategory.PermissionDenied, Req, "CAM denies access to the resource.")
            .Final("4103", FailureCategory.PermissionDenied, Req, "CAM authorization failed.")
            .Final("4104", FailureCategory.AuthenticationError, Req, "The SecretId does not exist.")
            .Final("4105", FailureCategory.AuthenticationError, Req, "The token is invalid.")
            .Final("4106", FailureCategory.AuthenticationError, Req, "MFA verification failed.")
            .Final("4110", FailureCategory.PermissionDenied, Req, "Other CAM authorization failure.")
            .Add("4200", ErrorKind.SafeToRetry, FailureCategory.AuthenticationError, Req, "The request expired.", clockSkew: true)
            .Final("4300", FailureCategory.PermissionDenied, Req, "Access denied (account blocked).")
            .Retry("4400", FailureCategory.LimitsExceeded, "Quota or rate limit exceeded; resent after backoff.")
            // Replay protection: a Timestamp outside the window, or a Nonce the cloud has seen. The module signs every
            // attempt afresh and its transport never repeats a request, so a seen Nonce means an earlier copy may have
            // executed (issue #12). Only the server's Date proving our clock was off explains it away (CloudCaller.CallAsync).
            .Add("4500", ErrorKind.MayHaveExecuted, FailureCategory.AuthenticationError, Req, "Replay protection refused the request (Nonce seen before, or Timestamp outside the window); an earlier copy may have executed.", clockSkew: true)
            .Final("4600", FailureCategory.InvalidOperation, Req, "Protocol not supported (HTTPS is required).")
            .Final("5000", FailureCategory.ObjectNotFound, Inst, "The resource does not exist.")
            .Final("5100", FailureCategory.InvalidOperation, Inst, "The operation failed.")
            .Final("5200", FailureCategory.InvalidOperation, Req, "The purchase failed.")
            .Final("5300", FailureCategory.QuotaExceeded, Req, "Insufficient balance: top up.")
            .Unsure("5400", FailureCategory.InvalidResult, "Partly executed; check the console before renewing again.")
            .Final("5500", FailureCategory.PermissionDenied, Req, "The account failed qualification verification.")
            .Unsure("6000", FailureCategory.ResourceUnavailable, "Server internal error; the renewal may have executed.")
            .Final("6100", FailureCategory.InvalidOperation, Req, "This version or host does not support the action.")
            .Unsure("6200", FailureCategory.ResourceUnavailable, "The API is temporarily unavailable; whether it executed is not known.");
    }
}
