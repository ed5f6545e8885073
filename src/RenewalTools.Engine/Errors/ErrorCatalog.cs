using System;
using System.Collections.Generic;

namespace RenewalTools.Errors
{
    /// <summary>
    /// Every error a renewal can meet, named and classified. Codes come from the seed pages (000-003) and
    /// cloud-apis.md §1.6, §2, §3, §4.4, §5.4 and §6. Lookup falls back from "A.B.C" to "A.B" to "A".
    /// </summary>
    internal sealed class ErrorCatalog
    {
        private readonly Dictionary<string, ErrorClass> _byCode = new Dictionary<string, ErrorClass>(StringComparer.Ordinal);

        private ErrorCatalog()
        {
        }

        public IEnumerable<ErrorClass> All => _byCode.Values;

        public bool Contains(string code) => _byCode.ContainsKey(code);

        /// <summary>Classifies a cloud error code; unknown codes are final, and 5xx without a known code may have executed.</summary>
        public ErrorClass Classify(string code, int httpStatus = 200) => TryClassify(code, out var known) ? known : Unrecognised(code, httpStatus);

        /// <summary>Finds the code, or its nearest documented parent ("A.B.C", then "A.B", then "A").</summary>
        public bool TryClassify(string code, out ErrorClass found)
        {
            var probe = code;
            while (true)
            {
                if (_byCode.TryGetValue(probe, out var entry))
                {
                    found = entry.Code == code ? entry : new ErrorClass(code, entry.Kind, entry.Category, entry.Scope, entry.Meaning, entry.ClockSkew);
                    return true;
                }
                var dot = probe.LastIndexOf('.');
                if (dot <= 0)
                {
                    found = null!;
                    return false;
                }
                probe = probe.Substring(0, dot);
            }
        }

        private static ErrorClass Unrecognised(string code, int httpStatus)
        {
            if (code.IndexOf("Throttling", StringComparison.Ordinal) >= 0)
            {
                // Alibaba's SDK treats any code containing "Throttling" as flow control (§5.4).
                return new ErrorClass(code, ErrorKind.SafeToRetry, FailureCategory.LimitsExceeded, ErrorScope.Request, "The cloud throttled the request.");
            }
            return httpStatus >= 500
                ? new ErrorClass(code, ErrorKind.MayHaveExecuted, FailureCategory.NotSpecified, ErrorScope.Request, "Unrecognised server error; the request may have executed.")
                : new ErrorClass(code, ErrorKind.Final, FailureCategory.NotSpecified, ErrorScope.Request, "Unrecognised error code; see the cloud's error-code page.");
        }

        private ErrorCatalog Copy()
        {
            var copy = new ErrorCatalog();
            foreach (var entry in _byCode)
            {
                copy._byCode[entry.Key] = entry.Value;
            }
            return copy;
        }

        private ErrorCatalog Add(string code, ErrorKind kind, FailureCategory category, ErrorScope scope, string meaning, bool clockSkew = false)
        {
            _byCode[code] = new ErrorClass(code, kind, category, scope, meaning, clockSkew);
            return this;
        }

        private ErrorCatalog Final(string code, FailureCategory category, ErrorScope scope, string meaning) => Add(code, ErrorKind.Final, category, scope, meaning);

        private ErrorCatalog Retry(string code, FailureCategory category, string meaning) => Add(code, ErrorKind.SafeToRetry, category, ErrorScope.Request, meaning);

        private ErrorCatalog Unsure(string code, FailureCategory category, string meaning) => Add(code, ErrorKind.MayHaveExecuted, category, ErrorScope.Request, meaning);

        private const ErrorScope Req = ErrorScope.Request;
        private const ErrorScope Inst = ErrorScope.Instance;

        /// <summary>Failures that happen below the cloud's API: no code in any response.</summary>
        public static ErrorCatalog Transport { get; } = new ErrorCatalog()
            .Retry(TransportCodes.ConnectFailed, FailureCategory.ConnectionError, "The connection could not be opened; nothing was sent.")
            .Unsure(TransportCodes.ConnectionDropped, FailureCategory.ConnectionError, "The connection closed after the request was sent; it may have executed.")
            .Unsure(TransportCodes.Timeout, FailureCategory.OperationTimeout, "No answer within -TimeoutSec; the request may have executed.")
            .Unsure(TransportCodes.ServerError, FailureCategory.ResourceUnavailable, "The server answered 5xx without an API error; the request may have executed.")
            .Unsure(TransportCodes.UnreadableResponse, FailureCategory.InvalidResult, "The answer could not be read; the request may have executed.")
            .Unsure(TransportCodes.PreviousRunUnknown, FailureCategory.InvalidResult, "An earlier run sent this renewal and recorded no final answer; it may have executed.");

        /// <summary>What the module concludes from the cloud's state (ReadCodes): refusals before sending, reported failures.</summary>
        public static ErrorCatalog Reads { get; } = new ErrorCatalog()
            .Final(ReadCodes.InstanceNotFound, FailureCategory.ObjectNotFound, Inst, "The cloud knows no such instance in this region.")
            .Final(ReadCodes.NotPrepaid, FailureCategory.InvalidOperation, Inst, "Only prepaid (monthly/annual) instances can be renewed.")
            .Final(ReadCodes.PreReadFailed, FailureCategory.ReadError, Inst, "The instance's expiry could not be read.")
            .Final(ReadCodes.RenewalOperationFailed, FailureCategory.InvalidResult, Inst, "The cloud reports that the renewal failed.")
            .Final(ReadCodes.RenewalOrderClosed, FailureCategory.InvalidResult, Inst, "The renewal's billing order was not delivered (failed, refunded or closed); nothing was renewed.")
            .Final(ReadCodes.RenewFlagUnknown, FailureCategory.ReadError, Inst, "The instance's auto-renew flag could not be read before sending, and a renewal without it may switch auto-renewal off (Tencent's documented default is NOTIFY_AND_MANUAL_RENEW).")
            // Evidence showed an unanswered attempt did not execute: nothing ran, so it is sent again under the throttling budget.
            .Retry(ReadCodes.DidNotExecute, FailureCategory.LimitsExceeded, "The cloud's records show the unanswered attempt did not execute.")
            // A read cannot have executed anything, so an answer it cannot use is simply asked for again.
            .Retry(ReadCodes.UnreadableAnswer, FailureCategory.ReadError, "The answer could not be read.");

        /// <summary>Tencent Cloud API 3.0 (CVM RenewInstances, MongoDB RenewDBInstances, and RenewInstances on the legacy gateway).</summary>
        public static ErrorCatalog TencentApi3 { get; } = new ErrorCatalog()
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
            .Final("InvalidParameterValue.ZoneClosed", FailureCategory.InvalidOperation, Inst, "The instance's zone is closed for this operation.");

        /// <summary>
        /// Tencent legacy gateway (cvm/mongodb.api.qcloud.com/v2/index.php): named module codes arrive in codeDesc,
        /// numeric common codes in code (cloud-apis.md §4.4, seeds 000 and 002).
        /// </summary>
        public static ErrorCatalog TencentLegacy { get; } = new ErrorCatalog()
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
            // executed (issue #12). Only the server's Date proving our clock was off explains it away (RenewalSession).
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

        /// <summary>Alibaba ECS RenewInstance and RPC common codes (seed 003, cloud-apis.md §5.4, §6).</summary>
        public static ErrorCatalog Alibaba { get; } = new ErrorCatalog()
            .Retry("Throttling", FailureCategory.LimitsExceeded, "Flow control; resent after backoff.")
            .Retry("Throttling.User", FailureCategory.LimitsExceeded, "User flow control; resent after backoff.")
            .Retry("Throttling.Api", FailureCategory.LimitsExceeded, "API flow control; resent after backoff.")
            .Unsure("ServiceUnavailable", FailureCategory.ResourceUnavailable, "The service is unavailable (503).")
            .Unsure("InternalError", FailureCategory.ResourceUnavailable, "Server error (500); resent with the same ClientToken.")
            .Final("SignatureDoesNotMatch", FailureCategory.AuthenticationError, Req, "The signature did not match: check the AccessKeySecret.")
            // The cloud has seen this exact request (nonce) before: the first copy may have executed (issue #12).
            .Unsure("SignatureNonceUsed", FailureCategory.AuthenticationError, "The cloud has already seen this exact request (its nonce was used): the first copy may have executed.")
            .Add("InvalidTimeStamp.Expired", ErrorKind.SafeToRetry, FailureCategory.AuthenticationError, Req, "The timestamp is outside the server's window.", clockSkew: true)
            .Final("InvalidTimeStamp.Format", FailureCategory.InvalidArgument, Req, "The timestamp format is invalid.")
            .Final("IllegalTimestamp", FailureCategory.InvalidArgument, Req, "The timestamp is illegal.")
            .Final("IncompleteSignature", FailureCategory.AuthenticationError, Req, "The signature is incomplete.")
            .Final("InvalidAccessKeyId.NotFound", FailureCategory.AuthenticationError, Req, "The AccessKeyId does not exist.")
            .Final("InvalidAccessKeyId.Inactive", FailureCategory.AuthenticationError, Req, "The AccessKeyId is disabled.")
            .Final("InvalidSecurityToken.Expired", FailureCategory.AuthenticationError, Req, "The STS token is invalid or expired.")
            .Final("InvalidSecurityToken.MismatchWithAccessKey", FailureCategory.AuthenticationError, Req, "The STS token does not belong to this AccessKeyId.")
            .Final("Forbidden.AccessKeyDisabled", FailureCategory.AuthenticationError, Req, "The AccessKey is disabled.")
            .Final("Forbidden.RAM", FailureCategory.PermissionDenied, Req, "RAM denies this key the action (check its policy for the action named in the request).")
            .Final("Forbidden.Unauthorized", FailureCategory.PermissionDenied, Req, "Not authorized.")
            .Final("Forbidden.RiskControl", FailureCategory.PermissionDenied, Req, "Refused by risk control.")
            .Final("MissingParameter", FailureCategory.InvalidArgument, Req, "A required parameter is missing.")
            .Final("InvalidParameter", FailureCategory.InvalidArgument, Req, "A parameter is invalid.")
            .Retry("OperationConflict", FailureCategory.ResourceBusy, "A conflicting operation is running; resent after backoff.")
            // ClientToken (§6): a mismatch means this token already names a different renewal.
            .Final("IdempotentParameterMismatch", FailureCategory.InvalidOperation, Req, "The ClientToken was used for a different renewal: pass a new -IdempotencyKey.")
            .Final("IdempotenceParamNotMatch", FailureCategory.InvalidOperation, Req, "The ClientToken was used for a different renewal: pass a new -IdempotencyKey.")
            // The first request with this token is still running: the same token makes a later resend harmless.
            .Retry("LastTokenProcessing", FailureCategory.ResourceBusy, "The first request with this ClientToken is still processing; resent later with the same token.")
            .Retry("Idempotence.Processing", FailureCategory.ResourceBusy, "The first request with this ClientToken is still processing; resent later with the same token.")
            .Retry("LastOrderProcessing", FailureCategory.ResourceBusy, "The previous order is still processing; resent later with the same token.")
            .Final("InvalidClientToken.ValueNotSupported", FailureCategory.InvalidArgument, Req, "The ClientToken is not valid.")
            // Seed 003 RenewInstance table.
            .Final("InvalidPeriod", FailureCategory.InvalidArgument, Req, "The period is not valid on this site (international: Month 1-9 and 12 only).")
            .Final("InvalidPeriodUnit.ValueNotSupported", FailureCategory.InvalidArgument, Req, "The period unit is not supported on this site (Week is China-site only).")
            .Final("InvalidPeriod.ExceededMaximumExpirationDate", FailureCategory.InvalidArgument, Inst, "The renewal would pass the maximum expiration date: use a shorter period.")
            .Final("InvalidPeriod.ExceededDedicatedHost", FailureCategory.InvalidArgument, Inst, "The instance cannot outlive its dedicated host's subscription.")
            .Final("InvalidPeriod.StarterPackage", FailureCategory.InvalidArgument, Inst, "Starter-package instances renew monthly only.")
            .Final("InvalidStatus.Upgrading", FailureCategory.ResourceBusy, Inst, "The instance is upgrading: rerun later.")
            .Final("OperationDenied", FailureCategory.InvalidOperation, Inst, "The operation is denied for this instance.")
            .Final("OperationDenied.NoStock", FailureCategory.ResourceUnavailable, Inst, "No stock for this instance type.")
            .Final("ChargeTypeViolation", FailureCategory.InvalidOperation, Inst, "Only subscription (PrePaid) instances can be renewed.")
            .Final("InvalidChargeType.NotSupported", FailureCategory.InvalidOperation, Inst, "The charge type does not support renewal.")
            .Final("IncorrectInstanceStatus", FailureCategory.InvalidOperation, Inst, "The instance's status does not allow renewal.")
            .Final("Instance.UnPaidOrder", FailureCategory.InvalidOperation, Inst, "The instance has an unpaid order: pay or cancel it first.")
            .Final("InstanceLockedForSecurity", FailureCategory.PermissionDenied, Inst, "The instance is locked for security reasons.")
            .Final("InstanceSpecModification.NotEffective", FailureCategory.InvalidOperation, Inst, "A reserved spec change has not taken effect yet.")
            .Final("InvalidInstanceId.NotFound", FailureCategory.ObjectNotFound, Inst, "No such instance (check the ID and the region).")
            .Final("InvalidAccountStatus.NotEnoughBalance", FailureCategory.QuotaExceeded, Req, "The account balance does not cover the renewal: top up.")
            .Final("InvalidExpectedRenewDay.Conflict", FailureCategory.InvalidArgument, Req, "ExpectedRenewDay differs from the account's unified expiration day.")
            .Final("InvalidExpectedRenewDay.ValueNotSupported", FailureCategory.InvalidArgument, Req, "ExpectedRenewDay must be 1-28.")
            // The rest of seed 003's table (shared with other ECS actions); named so they are never "unrecognised".
            .Final("InvalidInternetChargeType.ValueNotSupported", FailureCategory.InvalidArgument, Req, "The InternetChargeType is not valid.")
            .Final("InvalidInternetChargeType.InstanceNotSupported", FailureCategory.InvalidArgument, Inst, "A VPC instance does not support that InternetChargeType.")
            .Final("InvalidInstanceType.NotSupported", FailureCategory.InvalidArgument, Inst, "The instance type is not supported.")
            .Final("InvalidInstanceType.ValueNotSupported", FailureCategory.InvalidArgument, Inst, "The instance type does not exist or is out of range.")
            .Final("InvalidInstanceType.codeUnauthorized", FailureCategory.PermissionDenied, Inst, "The instance type is not authorized.")
            .Final("InvalidInstanceType.ValueUnauthorized", FailureCategory.PermissionDenied, Inst, "The instance type is not authorized.")
            .Final("InvalidInstanceChargeType.NotFound", FailureCategory.InvalidArgument, Inst, "The instance charge type does not exist.")
            .Final("InvalidRebootTime.ValueNotSupported", FailureCategory.InvalidArgument, Req, "The reboot time is out of range.")
            .Final("InvalidDiskId.NotFound", FailureCategory.ObjectNotFound, Inst, "The disk does not exist.")
            .Final("Diskcategory.Mismatch", FailureCategory.InvalidOperation, Inst, "The disk category cannot be made portable.")
            .Final("InvalidDisk.NotAllowed", FailureCategory.InvalidOperation, Inst, "The disk cannot be made portable.")
            .Final("Upgrade.NotSupported", FailureCategory.InvalidOperation, Inst, "Upgrade is not supported.")
            .Final("DependencyViolation.InstanceType", FailureCategory.InvalidOperation, Inst, "The instance type cannot be changed to the one specified.")
            .Final("InstanceTypeNotSupported", FailureCategory.InvalidOperation, Inst, "The zone does not offer the instance type.")
            .Final("InvalidDedicatedHostId.NotFound", FailureCategory.ObjectNotFound, Inst, "The dedicated host does not exist.")
            .Final("InvalidDedicatedHostStatus.NotSupport", FailureCategory.InvalidOperation, Inst, "The dedicated host's status denies the operation.")
            .Final("IncorrectDedicatedHostStatus", FailureCategory.InvalidOperation, Inst, "The dedicated host's status denies the operation.");

        /// <summary>Alibaba BSS (QueryAccountBalance): the RPC common codes and its own (cloud-read-apis.md §D).</summary>
        public static ErrorCatalog AlibabaBss { get; } = Alibaba.Copy()
            .Final("NotAuthorized", FailureCategory.PermissionDenied, Req, "The key may not read the account balance: its RAM policy needs bssapi:QueryAccountBalance (or the older bss:DescribeAcccount).")
            .Final("NotApplicable", FailureCategory.InvalidOperation, Req, "The balance API does not apply to this account.");

        /// <summary>What the module decides from quotes and the balance before it spends anything (issue #11).</summary>
        public static ErrorCatalog Spend { get; } = new ErrorCatalog()
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
