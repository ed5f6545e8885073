using System.Collections.Generic;
using System.Linq;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;
using RenewalTools.Errors;
using Xunit;

namespace RenewalTools.Tests.Errors
{
    /// <summary>
    /// Every code of the seed error tables and of cloud-apis.md §1.6, §2-§3, §4.4, §5.4 and §6 is an exact entry of the
    /// catalog its API reads. The codes are copied here from those documents (CI has no shared/ folder beside the repo).
    /// </summary>
    public class ErrorCatalogCoverageTests
    {
        /// <summary>Seed 000, CVM RenewInstance (legacy gateway), section 4. "Invaild" is the seed's spelling.</summary>
        public static readonly string[] Seed000 =
        {
            "OperationConstraints.InvaildInstanceStatus",
            "OperationConstraints.AccountBalanceNotEnough",
            "PermissionDenied.UserQualificationAuditFailed",
            "NotSupport.SharedInstance",
            "OperationFail.SystemBusy",
        };

        /// <summary>Seed 002, MongoDB RenewMongoDB: the module codes are numbers.</summary>
        public static readonly string[] Seed002 = { "11050", "11056", "11051", "11067", "100207" };

        /// <summary>cloud-apis.md §4.4: the legacy gateway's numeric common codes.</summary>
        public static readonly string[] LegacyNumericCommon =
        {
            "4000", "4100", "4101", "4102", "4103", "4104", "4105", "4106", "4110", "4200", "4300", "4400", "4500", "4600",
            "5000", "5100", "5200", "5300", "5400", "5500", "6000", "6100", "6200",
        };

        /// <summary>Seed 001, CVM RenewInstances 2017-03-12 (gateway form), section 4.</summary>
        public static readonly string[] Seed001 =
        {
            "MissingParameter",
            "InvalidInstanceId.NotFound",
            "InvalidInstanceId.Malformed",
            "InvalidPeriod",
            "InvalidParameterValue",
            "InvalidInstance.NotSupported",
            "InvalidAccount.InsufficientBalance",
            "InvalidAccount.UnpaidOrder",
            "InternalServerError",
        };

        /// <summary>cloud-apis.md §1.6, API 3.0 common codes.</summary>
        public static readonly string[] Api3Common =
        {
            "AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire", "AuthFailure.SecretIdNotFound", "AuthFailure.InvalidSecretId",
            "AuthFailure.InvalidAuthorization", "AuthFailure.TokenFailure", "AuthFailure.MFAFailure", "AuthFailure.UnauthorizedOperation",
            "UnauthorizedOperation",
            "RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded", "RequestLimitExceeded.IPLimitExceeded", "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
            "RequestSizeLimitExceeded", "ResponseSizeLimitExceeded",
            "InternalError", "ServiceUnavailable",
            "InvalidAction", "NoSuchVersion", "NoSuchProduct", "ActionOffline",
            "InvalidParameter", "InvalidParameterValue", "MissingParameter", "UnknownParameter",
            "LimitExceeded", "ResourceInUse", "ResourceInsufficient", "ResourceNotFound", "ResourceUnavailable",
            "UnsupportedOperation", "UnsupportedRegion", "UnsupportedProtocol",
            "DryRunOperation", "FailedOperation", "InvalidRequest", "IpInBlacklist", "IpNotInWhitelist",
        };

        /// <summary>cloud-apis.md §2 (RenewInstances) and §2.1 (its price inquiry).</summary>
        public static readonly string[] CvmRenewInstances =
        {
            "FailedOperation.InvalidInstanceApplicationRoleEmr", "InternalError.TradeUnknownError", "InternalServerError",
            "InvalidAccount.InsufficientBalance", "InvalidAccount.UnpaidOrder", "InvalidInstance.NotSupported",
            "InvalidInstanceId.Malformed", "InvalidInstanceId.NotFound",
            "InvalidParameterValue", "InvalidParameterValue.InstanceIdMalformed", "InvalidParameterValue.InstanceNotSupportedMixPricingModel", "InvalidParameterValue.LimitExceeded",
            "InvalidPeriod", "MissingParameter", "OperationDenied.InstanceOperationInProgress", "UnsupportedOperation.InstanceChargeType",
            "UnsupportedOperation.InstanceStateBanning", "UnsupportedOperation.InstanceStateFreezing", "UnsupportedOperation.InstanceStatePending",
            "UnsupportedOperation.InstanceStateRebooting", "UnsupportedOperation.InstanceStateStarting", "UnsupportedOperation.InstanceStateStopping",
            "UnsupportedOperation.InstanceStateTerminating",
            "InvalidParameterValue.Range", "ResourceInsufficient.CloudDiskUnavailable", "UnsupportedOperation.InvalidDiskBackupQuota",
        };

        /// <summary>cloud-apis.md §3 (RenewDBInstances) and §3.1 (its price inquiry).</summary>
        public static readonly string[] MongoRenewDbInstances =
        {
            "InvalidParameter.PermissionDenied", "InvalidParameterValue.InvalidTradeOperation", "InvalidParameterValue.NotFoundInstance",
            "InternalError", "InternalError.FindInstanceFailed", "InvalidParameter", "InvalidParameterValue.ZoneClosed",
        };

        /// <summary>Seed 003, ECS RenewInstance: every row of its error table with the HTTP status it gives.</summary>
        public static readonly TheoryData<string, int> Seed003 = new TheoryData<string, int>
        {
            { "InvalidInternetChargeType.ValueNotSupported", 400 },
            { "InvalidInstanceType.NotSupported", 400 },
            { "InvalidParameter", 400 },
            { "InvalidInstanceChargeType.NotFound", 400 },
            { "InvalidRebootTime.ValueNotSupported", 400 },
            { "IdempotenceParamNotMatch", 400 },
            { "InvalidClientToken.ValueNotSupported", 400 },
            { "ChargeTypeViolation", 403 },
            { "InvalidInstanceType.ValueNotSupported", 400 },
            { "InvalidDiskId.NotFound", 404 },
            { "Diskcategory.Mismatch", 403 },
            { "InvalidInstanceId.NotFound", 404 },
            { "IncorrectInstanceStatus", 403 },
            { "InvalidInstanceType.codeUnauthorized", 400 },
            { "InvalidInternetChargeType.InstanceNotSupported", 400 },
            { "InvalidPeriod", 400 },
            { "InstanceSpecModification.NotEffective", 403 },
            { "Upgrade.NotSupported", 400 },
            { "LastTokenProcessing", 403 },
            { "Instance.UnPaidOrder", 403 },
            { "OperationDenied", 400 },
            { "InvalidInstanceType.ValueUnauthorized", 400 },
            { "InstanceLockedForSecurity", 403 },
            { "InvalidDisk.NotAllowed", 403 },
            { "DependencyViolation.InstanceType", 400 },
            { "InstanceTypeNotSupported", 403 },
            { "InvalidPeriodUnit.ValueNotSupported", 400 },
            { "InvalidDedicatedHostId.NotFound", 400 },
            { "InvalidDedicatedHostStatus.NotSupport", 400 },
            { "IncorrectDedicatedHostStatus", 400 },
            { "InvalidPeriod.ExceededDedicatedHost", 400 },
            { "InvalidStatus.Upgrading", 400 },
            { "InvalidPeriod.ExceededMaximumExpirationDate", 400 },
            { "InternalError", 500 },
            { "LastOrderProcessing", 400 },
        };

        /// <summary>cloud-apis.md §5.4 (RPC common codes) and the renewal rows of §6 that seed 003 lacks.</summary>
        public static readonly TheoryData<string, int> AlibabaCommonAndSection6 = new TheoryData<string, int>
        {
            { "Throttling", 400 },
            { "Throttling.User", 400 },
            { "Throttling.Api", 400 },
            { "ServiceUnavailable", 503 },
            // InternalError (500) is in seed 003's table above.
            { "SignatureDoesNotMatch", 400 },
            { "SignatureNonceUsed", 400 },
            { "InvalidTimeStamp.Expired", 400 },
            { "InvalidTimeStamp.Format", 400 },
            { "IllegalTimestamp", 400 },
            { "IncompleteSignature", 400 },
            { "InvalidAccessKeyId.NotFound", 404 },
            { "InvalidAccessKeyId.Inactive", 403 },
            { "Forbidden.AccessKeyDisabled", 403 },
            { "MissingParameter", 400 },
            { "Forbidden.RAM", 403 },
            { "Forbidden.Unauthorized", 403 },
            { "Forbidden.RiskControl", 403 },
            { "IdempotentParameterMismatch", 400 },
            { "OperationConflict", 409 },
            { "Idempotence.Processing", 400 },
            { "InvalidChargeType.NotSupported", 403 },
            { "OperationDenied.NoStock", 403 },
            { "InvalidPeriod.StarterPackage", 403 },
            { "InvalidExpectedRenewDay.Conflict", 400 },
            { "InvalidExpectedRenewDay.ValueNotSupported", 400 },
        };

        public static TheoryData<string> Rows(params string[][] lists)
        {
            var data = new TheoryData<string>();
            foreach (var code in lists.SelectMany(l => l).Distinct())
            {
                data.Add(code);
            }
            return data;
        }

        public static TheoryData<string> TencentLegacyCodes => Rows(Seed000, Seed002, LegacyNumericCommon);

        public static TheoryData<string> TencentApi3Codes => Rows(Seed001, Api3Common, CvmRenewInstances, MongoRenewDbInstances);

        [Theory]
        [MemberData(nameof(TencentLegacyCodes))]
        public void Seed_000_and_002_codes_and_the_numeric_common_codes_are_named_in_TencentLegacy(string code) => AssertNamed(ErrorCatalog.TencentLegacy, code);

        [Theory]
        [MemberData(nameof(TencentApi3Codes))]
        public void Seed_001_codes_and_the_API_3_codes_are_named_in_TencentApi3(string code) => AssertNamed(ErrorCatalog.TencentApi3, code);

        [Theory]
        [MemberData(nameof(Seed003))]
        [MemberData(nameof(AlibabaCommonAndSection6))]
        public void Seed_003_and_common_Alibaba_codes_are_named_and_their_HTTP_status_agrees_with_the_kind(string code, int httpStatus)
        {
            var named = AssertNamed(ErrorCatalog.Alibaba, code);
            var classified = ErrorCatalog.Alibaba.Classify(code, httpStatus);
            Assert.Equal(named.Kind, classified.Kind);
            Assert.Equal(named.Category, classified.Category);
            // A 5xx may have executed; a 4xx was refused before execution, except a replay refusal: the cloud saw this
            // exact request before, so the first copy may have executed (issue #12).
            if (httpStatus >= 500 || code == "SignatureNonceUsed")
            {
                Assert.Equal(ErrorKind.MayHaveExecuted, named.Kind);
            }
            else
            {
                Assert.NotEqual(ErrorKind.MayHaveExecuted, named.Kind);
            }
        }

        private static ErrorClass AssertNamed(ErrorCatalog catalog, string code)
        {
            // Contains is the exact-code check: TryClassify alone also succeeds through a parent ("A.B" for "A.B.C").
            Assert.True(catalog.Contains(code), code + " is not an entry of its catalog.");
            Assert.True(catalog.TryClassify(code, out var found));
            Assert.Equal(code, found.Code);
            Assert.Same(found, catalog.All.Single(c => c.Code == code));
            Assert.False(string.IsNullOrWhiteSpace(found.Meaning));
            Assert.DoesNotContain("Unrecognised", found.Meaning, System.StringComparison.OrdinalIgnoreCase);
            return found;
        }

        [Theory]
        [InlineData("TencentApi3", "RequestLimitExceeded")]
        [InlineData("TencentApi3", "RequestLimitExceeded.UinLimitExceeded")]
        [InlineData("TencentApi3", "RequestLimitExceeded.IPLimitExceeded")]
        [InlineData("TencentApi3", "RequestLimitExceeded.GlobalRegionUinLimitExceeded")]
        [InlineData("TencentLegacy", "4400")]
        [InlineData("TencentLegacy", "OperationFail.SystemBusy")]
        [InlineData("Alibaba", "Throttling")]
        [InlineData("Alibaba", "Throttling.User")]
        [InlineData("Alibaba", "Throttling.Api")]
        public void Throttling_is_safe_to_retry(string catalog, string code)
        {
            var c = Catalog(catalog).Classify(code);
            Assert.Equal(ErrorKind.SafeToRetry, c.Kind);
            Assert.False(c.ClockSkew);
        }

        [Fact]
        public void An_unlisted_Alibaba_code_containing_Throttling_is_still_throttling()
        {
            // §5.4: the SDK treats any code containing "Throttling" as flow control.
            Assert.False(ErrorCatalog.Alibaba.Contains("Throttling.Unlisted"));
            var c = ErrorCatalog.Alibaba.Classify("Throttling.Unlisted", 400);
            Assert.Equal(ErrorKind.SafeToRetry, c.Kind);
            Assert.Equal(FailureCategory.LimitsExceeded, c.Category);
        }

        [Theory]
        [InlineData("TencentApi3", "InternalError")]
        [InlineData("TencentApi3", "InternalError.TradeUnknownError")]
        [InlineData("TencentApi3", "InternalError.FindInstanceFailed")]
        [InlineData("TencentApi3", "InternalServerError")]
        [InlineData("TencentApi3", "ServiceUnavailable")]
        [InlineData("TencentLegacy", "5400")]
        [InlineData("TencentLegacy", "6000")]
        [InlineData("TencentLegacy", "6200")]
        [InlineData("Alibaba", "InternalError")]
        [InlineData("Alibaba", "ServiceUnavailable")]
        [InlineData("Transport", "Transport.ServerError")]
        [InlineData("Transport", "Transport.Timeout")]
        [InlineData("Transport", "Transport.ConnectionDropped")]
        public void Server_errors_may_have_executed(string catalog, string code)
        {
            Assert.Equal(ErrorKind.MayHaveExecuted, Catalog(catalog).Classify(code).Kind);
        }

        [Theory]
        [InlineData("TencentApi3")]
        [InlineData("TencentLegacy")]
        [InlineData("Alibaba")]
        public void An_unrecognised_code_with_a_5xx_status_may_have_executed_and_with_a_4xx_is_final(string catalog)
        {
            Assert.Equal(ErrorKind.MayHaveExecuted, Catalog(catalog).Classify("NotInAnyTable", 500).Kind);
            Assert.Equal(ErrorKind.Final, Catalog(catalog).Classify("NotInAnyTable", 400).Kind);
        }

        [Theory]
        [InlineData("TencentApi3", "InvalidAccount.InsufficientBalance")]
        [InlineData("TencentLegacy", "OperationConstraints.AccountBalanceNotEnough")]
        [InlineData("TencentLegacy", "100207")]
        [InlineData("TencentLegacy", "5300")]
        [InlineData("Alibaba", "InvalidAccountStatus.NotEnoughBalance")]
        public void Balance_codes_are_final_quota_errors(string catalog, string code)
        {
            var c = Catalog(catalog).Classify(code);
            Assert.Equal(ErrorKind.Final, c.Kind);
            Assert.Equal(FailureCategory.QuotaExceeded, c.Category);
        }

        [Theory]
        [InlineData("TencentApi3", "AuthFailure.UnauthorizedOperation")]
        [InlineData("TencentApi3", "UnauthorizedOperation")]
        [InlineData("TencentApi3", "InvalidParameter.PermissionDenied")]
        [InlineData("TencentApi3", "IpInBlacklist")]
        [InlineData("TencentApi3", "IpNotInWhitelist")]
        [InlineData("TencentLegacy", "PermissionDenied.UserQualificationAuditFailed")]
        [InlineData("TencentLegacy", "4101")]
        [InlineData("TencentLegacy", "4102")]
        [InlineData("TencentLegacy", "4103")]
        [InlineData("TencentLegacy", "4110")]
        [InlineData("TencentLegacy", "4300")]
        [InlineData("TencentLegacy", "5500")]
        [InlineData("Alibaba", "Forbidden.RAM")]
        [InlineData("Alibaba", "Forbidden.Unauthorized")]
        [InlineData("Alibaba", "Forbidden.RiskControl")]
        public void Permission_codes_are_final_permission_errors(string catalog, string code)
        {
            var c = Catalog(catalog).Classify(code);
            Assert.Equal(ErrorKind.Final, c.Kind);
            Assert.Equal(FailureCategory.PermissionDenied, c.Category);
        }

        [Theory]
        [InlineData("TencentApi3", "AuthFailure.SignatureExpire")]
        [InlineData("TencentLegacy", "4200")]
        [InlineData("Alibaba", "InvalidTimeStamp.Expired")]
        public void Signature_expiry_is_clock_skew(string catalog, string code)
        {
            var c = Catalog(catalog).Classify(code);
            Assert.True(c.ClockSkew);
            Assert.Equal(ErrorKind.SafeToRetry, c.Kind);
            Assert.Equal(FailureCategory.AuthenticationError, c.Category);
        }

        /// <summary>4500 is a replay refusal or a timestamp outside the window: it may have executed unless the clock explains it.</summary>
        [Fact]
        public void A_legacy_replay_refusal_may_have_executed_and_is_marked_clock_skew()
        {
            var c = ErrorCatalog.TencentLegacy.Classify("4500");
            Assert.Equal(ErrorKind.MayHaveExecuted, c.Kind);
            Assert.True(c.ClockSkew);
        }

        [Theory]
        [InlineData("TencentApi3", "AuthFailure.SignatureFailure")]
        [InlineData("TencentApi3", "AuthFailure.SecretIdNotFound")]
        [InlineData("TencentLegacy", "4100")]
        [InlineData("TencentLegacy", "4104")]
        [InlineData("Alibaba", "SignatureDoesNotMatch")]
        [InlineData("Alibaba", "InvalidAccessKeyId.NotFound")]
        [InlineData("Alibaba", "InvalidTimeStamp.Format")]
        public void A_wrong_key_or_signature_is_final_and_not_clock_skew(string catalog, string code)
        {
            var c = Catalog(catalog).Classify(code);
            Assert.Equal(ErrorKind.Final, c.Kind);
            Assert.False(c.ClockSkew);
        }

        [Fact]
        public void Only_signature_expiry_codes_are_marked_clock_skew()
        {
            var skewed = new[] { ErrorCatalog.TencentApi3, ErrorCatalog.TencentLegacy, ErrorCatalog.Alibaba, ErrorCatalog.Transport }
                .SelectMany(c => c.All).Where(c => c.ClockSkew).Select(c => c.Code).OrderBy(c => c, System.StringComparer.Ordinal);
            Assert.Equal(new[] { "4200", "4500", "AuthFailure.SignatureExpire", "InvalidTimeStamp.Expired" }, skewed);
        }

        /// <summary>
        /// The legacy single-instance actions put the named code in codeDesc and the common number in code (§4.4):
        /// an unnamed codeDesc is classified by its number, a seed 002 number is the code itself.
        /// </summary>
        [Theory]
        [InlineData("{\"code\":4400,\"message\":\"\",\"codeDesc\":\"SomeNewThrottle\"}", "SomeNewThrottle", "SafeToRetry")]
        [InlineData("{\"code\":6000,\"message\":\"\",\"codeDesc\":\"SomeNewServerFault\"}", "SomeNewServerFault", "MayHaveExecuted")]
        [InlineData("{\"code\":5300,\"message\":\"\",\"codeDesc\":\"SomeNewBalanceText\"}", "SomeNewBalanceText", "Final")]
        [InlineData("{\"code\":4500,\"message\":\"\",\"codeDesc\":\"SomeNewReplayText\"}", "SomeNewReplayText", "MayHaveExecuted")]
        [InlineData("{\"code\":4500,\"message\":\"\",\"codeDesc\":\"AuthFailure.SignatureExpire\"}", "AuthFailure.SignatureExpire", "MayHaveExecuted")]
        [InlineData("{\"code\":5100,\"message\":\"\",\"codeDesc\":\"OperationFail.SystemBusy\"}", "OperationFail.SystemBusy", "SafeToRetry")]
        [InlineData("{\"code\":\"11056\",\"message\":\"(11056)InstanceNotExists\",\"codeDesc\":\"InstanceNotExists\"}", "11056", "Final")]
        [InlineData("{\"code\":\"100207\",\"message\":\"\",\"codeDesc\":\"OperationConstraints.AccountBalanceNotEnough\"}", "100207", "Final")]
        public void Legacy_answers_are_named_by_codeDesc_and_classified_by_the_common_number(string body, string code, string kind)
        {
            RenewalApi api = TencentLegacySingleRenewal.CvmRenewInstance("HmacSHA256");
            var answer = api.ParseAnswer(200, body);
            Assert.NotNull(answer);
            Assert.False(answer!.Success);
            var c = api.Classify(answer, 200);
            Assert.Equal(code, c.Code);
            Assert.Equal(kind, c.Kind.ToString());
        }

        private static ErrorCatalog Catalog(string name) => name switch
        {
            "TencentApi3" => ErrorCatalog.TencentApi3,
            "TencentLegacy" => ErrorCatalog.TencentLegacy,
            "Alibaba" => ErrorCatalog.Alibaba,
            _ => ErrorCatalog.Transport,
        };
    }
}
