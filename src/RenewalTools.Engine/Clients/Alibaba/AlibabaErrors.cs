using RenewalTools.Errors;

namespace RenewalTools.Clients.Alibaba
{
    /// <summary>Alibaba's error codes, named and classified, for the ECS and BSS clients beside this file.</summary>
    internal static class AlibabaErrors
    {
        private const ErrorScope Req = ErrorScope.Request;
        private const ErrorScope Inst = ErrorScope.Instance;

        /// <summary>Alibaba ECS RenewInstance and RPC common codes (seed 003, cloud-apis.md §5.4, §6).</summary>
        public static ErrorCatalog Ecs { get; } = new ErrorCatalog()
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
            // ModifyInstanceAutoRenewAttribute and DescribeInstanceAutoRenewAttribute (help.aliyun.com 52843, 52844).
            .Final("MissingParameter.InstanceId", FailureCategory.InvalidArgument, Req, "No instance ID was sent.")
            .Final("InvalidParameter.ToManyInstanceIds", FailureCategory.LimitsExceeded, Req, "Too many instance IDs in one request (at most 100).")
            .Final("InvalidParameter.InvalidInstanceId", FailureCategory.ObjectNotFound, Inst, "An instance ID is invalid or unknown in this region.")
            .Final("InvalidParameter.Duration", FailureCategory.InvalidArgument, Req, "The auto-renew Duration is not accepted for its PeriodUnit.")
            .Final("InvalidParameter.RenewalStatus", FailureCategory.InvalidArgument, Req, "The RenewalStatus is not AutoRenewal, Normal or NotRenewal.")
            .Final("InvalidParameter.PageSize", FailureCategory.InvalidArgument, Req, "The PageSize is out of range (1-100).")
            .Final("InvalidParameter.PageNumber", FailureCategory.InvalidArgument, Req, "The PageNumber is out of range.")
            .Final("InvalidParameter.RenewalStatusInstanceId", FailureCategory.InvalidArgument, Req, "Give InstanceId or RenewalStatus.")
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
        public static ErrorCatalog Bss { get; } = Ecs.Copy()
            .Final("NotAuthorized", FailureCategory.PermissionDenied, Req, "The key may not read the account balance: its RAM policy needs bssapi:QueryAccountBalance (or the older bss:DescribeAcccount).")
            .Final("NotApplicable", FailureCategory.InvalidOperation, Req, "The balance API does not apply to this account.");
    }
}
