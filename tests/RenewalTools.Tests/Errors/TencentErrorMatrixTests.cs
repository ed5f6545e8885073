using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Errors;
using Xunit;

namespace RenewalTools.Tests.Errors
{
    /// <summary>The five Tencent renewal actions the cmdlets can call.</summary>
    public enum TencentApi
    {
        /// <summary>Invoke-CvmRenewal: API 3.0 RenewInstances.</summary>
        Cvm3,
        /// <summary>Invoke-CvmRenewal -Api LegacyRenewInstances: RenewInstances on the legacy gateway (seed 001).</summary>
        CvmGateway,
        /// <summary>Invoke-CvmRenewal -Api LegacyRenewInstance (seed 000).</summary>
        CvmLegacy,
        /// <summary>Invoke-MongoDbRenewal: API 3.0 RenewDBInstances.</summary>
        Mongo3,
        /// <summary>Invoke-MongoDbRenewal -Api LegacyRenewMongoDB (seed 002).</summary>
        MongoLegacy,
    }

    /// <summary>
    /// Every Tencent code of seeds 000-002 and cloud-apis.md §1.6, §2 and §3, driven through the emulator and the real
    /// cmdlet: natural triggers where the emulator has one, a scripted fault or a forced instance error otherwise.
    /// </summary>
    public class TencentErrorMatrixTests : ErrorMatrixRows, IClassFixture<ErrorMatrixFixture>
    {
        private readonly ErrorMatrixFixture _fixture;

        public TencentErrorMatrixTests(ErrorMatrixFixture fixture)
        {
            _fixture = fixture;
        }

        public static TheoryData<TencentApi, string, Trigger, Expect, ErrorCategory> Api3Cvm => new TheoryData<TencentApi, string, Trigger, Expect, ErrorCategory>
        {
            // §1.6 common codes.
            { TencentApi.Cvm3, "AuthFailure.SignatureFailure", Trigger.WrongSecret, Expect.Failed, Auth },
            { TencentApi.Cvm3, "AuthFailure.SignatureExpire", Trigger.ClockSkew, Expect.Retried, Auth },
            { TencentApi.Cvm3, "AuthFailure.SecretIdNotFound", Trigger.UnknownKey, Expect.Failed, Auth },
            { TencentApi.Cvm3, "AuthFailure.InvalidSecretId", Trigger.Fault, Expect.Failed, Auth },
            { TencentApi.Cvm3, "AuthFailure.InvalidAuthorization", Trigger.Fault, Expect.Failed, Auth },
            { TencentApi.Cvm3, "AuthFailure.TokenFailure", Trigger.StrayToken, Expect.Failed, Auth },
            { TencentApi.Cvm3, "AuthFailure.MFAFailure", Trigger.Fault, Expect.Failed, Auth },
            { TencentApi.Cvm3, "AuthFailure.UnauthorizedOperation", Trigger.Fault, Expect.Failed, Denied },
            { TencentApi.Cvm3, "UnauthorizedOperation", Trigger.Fault, Expect.Failed, Denied },
            { TencentApi.Cvm3, "RequestLimitExceeded", Trigger.Throttle, Expect.Retried, Limits },
            { TencentApi.Cvm3, "RequestLimitExceeded.UinLimitExceeded", Trigger.Fault, Expect.Retried, Limits },
            { TencentApi.Cvm3, "RequestLimitExceeded.IPLimitExceeded", Trigger.Fault, Expect.Retried, Limits },
            { TencentApi.Cvm3, "RequestLimitExceeded.GlobalRegionUinLimitExceeded", Trigger.Fault, Expect.Retried, Limits },
            { TencentApi.Cvm3, "RequestSizeLimitExceeded", Trigger.Fault, Expect.Failed, Limits },
            { TencentApi.Cvm3, "ResponseSizeLimitExceeded", Trigger.Fault, Expect.Failed, Limits },
            { TencentApi.Cvm3, "InternalError", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.Cvm3, "ServiceUnavailable", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.Cvm3, "InvalidAction", Trigger.Fault, Expect.Failed, Operation },
            { TencentApi.Cvm3, "NoSuchVersion", Trigger.Fault, Expect.Failed, Operation },
            { TencentApi.Cvm3, "NoSuchProduct", Trigger.Fault, Expect.Failed, Operation },
            { TencentApi.Cvm3, "ActionOffline", Trigger.Fault, Expect.Failed, Operation },
            { TencentApi.Cvm3, "InvalidParameter", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Cvm3, "InvalidParameterValue", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Cvm3, "MissingParameter", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Cvm3, "UnknownParameter", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Cvm3, "LimitExceeded", Trigger.Fault, Expect.Failed, Quota },
            { TencentApi.Cvm3, "ResourceInUse", Trigger.Forced, Expect.Failed, Busy },
            { TencentApi.Cvm3, "ResourceInsufficient", Trigger.Fault, Expect.Failed, Unavailable },
            { TencentApi.Cvm3, "ResourceNotFound", Trigger.Forced, Expect.Failed, NotFound },
            { TencentApi.Cvm3, "ResourceUnavailable", Trigger.Forced, Expect.Failed, Unavailable },
            { TencentApi.Cvm3, "UnsupportedOperation", Trigger.Forced, Expect.Failed, Operation },
            { TencentApi.Cvm3, "UnsupportedRegion", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Cvm3, "UnsupportedProtocol", Trigger.Fault, Expect.Failed, Operation },
            { TencentApi.Cvm3, "DryRunOperation", Trigger.Fault, Expect.Failed, Operation },
            { TencentApi.Cvm3, "FailedOperation", Trigger.Fault, Expect.Failed, Operation },
            { TencentApi.Cvm3, "InvalidRequest", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Cvm3, "IpInBlacklist", Trigger.Fault, Expect.Failed, Denied },
            { TencentApi.Cvm3, "IpNotInWhitelist", Trigger.Fault, Expect.Failed, Denied },
            // §2 RenewInstances (and seed 001).
            { TencentApi.Cvm3, "FailedOperation.InvalidInstanceApplicationRoleEmr", Trigger.Forced, Expect.Failed, Operation },
            { TencentApi.Cvm3, "InternalError.TradeUnknownError", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.Cvm3, "InternalServerError", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.Cvm3, "InvalidAccount.InsufficientBalance", Trigger.LowBalance, Expect.Failed, Quota },
            { TencentApi.Cvm3, "InvalidAccount.UnpaidOrder", Trigger.UnpaidOrder, Expect.Failed, Operation },
            { TencentApi.Cvm3, "InvalidInstance.NotSupported", Trigger.Forced, Expect.Failed, Operation },
            { TencentApi.Cvm3, "InvalidInstanceId.Malformed", Trigger.MalformedId, Expect.Failed, Argument },
            { TencentApi.Cvm3, "InvalidInstanceId.NotFound", Trigger.UnknownId, Expect.Failed, NotFound },
            { TencentApi.Cvm3, "InvalidParameterValue.InstanceIdMalformed", Trigger.Forced, Expect.Failed, Argument },
            { TencentApi.Cvm3, "InvalidParameterValue.InstanceNotSupportedMixPricingModel", Trigger.Forced, Expect.Failed, Operation },
            { TencentApi.Cvm3, "InvalidParameterValue.LimitExceeded", Trigger.Fault, Expect.Failed, Limits },
            { TencentApi.Cvm3, "InvalidPeriod", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Cvm3, "OperationDenied.InstanceOperationInProgress", Trigger.InstanceState, Expect.Failed, Busy },
            { TencentApi.Cvm3, "UnsupportedOperation.InstanceChargeType", Trigger.Postpaid, Expect.Failed, Operation },
            { TencentApi.Cvm3, "UnsupportedOperation.InstanceStateBanning", Trigger.InstanceState, Expect.Failed, Operation },
            { TencentApi.Cvm3, "UnsupportedOperation.InstanceStateFreezing", Trigger.InstanceState, Expect.Failed, Operation },
            { TencentApi.Cvm3, "UnsupportedOperation.InstanceStatePending", Trigger.InstanceState, Expect.Failed, Operation },
            { TencentApi.Cvm3, "UnsupportedOperation.InstanceStateRebooting", Trigger.InstanceState, Expect.Failed, Operation },
            { TencentApi.Cvm3, "UnsupportedOperation.InstanceStateStarting", Trigger.InstanceState, Expect.Failed, Operation },
            { TencentApi.Cvm3, "UnsupportedOperation.InstanceStateStopping", Trigger.InstanceState, Expect.Failed, Operation },
            { TencentApi.Cvm3, "UnsupportedOperation.InstanceStateTerminating", Trigger.InstanceState, Expect.Failed, Operation },
            // §2.1 price-inquiry codes: named, so an answer carrying one is classified by its own entry.
            { TencentApi.Cvm3, "InvalidParameterValue.Range", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Cvm3, "ResourceInsufficient.CloudDiskUnavailable", Trigger.Forced, Expect.Failed, Unavailable },
            { TencentApi.Cvm3, "UnsupportedOperation.InvalidDiskBackupQuota", Trigger.Forced, Expect.Failed, Operation },
        };

        public static TheoryData<TencentApi, string, Trigger, Expect, ErrorCategory> OtherActions => new TheoryData<TencentApi, string, Trigger, Expect, ErrorCategory>
        {
            // Seed 001: RenewInstances on the legacy gateway (signature v1, API 3.0 envelope).
            { TencentApi.CvmGateway, "MissingParameter", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.CvmGateway, "InvalidInstanceId.NotFound", Trigger.UnknownId, Expect.Failed, NotFound },
            { TencentApi.CvmGateway, "InvalidInstanceId.Malformed", Trigger.MalformedId, Expect.Failed, Argument },
            { TencentApi.CvmGateway, "InvalidPeriod", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.CvmGateway, "InvalidParameterValue", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.CvmGateway, "InvalidInstance.NotSupported", Trigger.Forced, Expect.Failed, Operation },
            { TencentApi.CvmGateway, "InvalidAccount.InsufficientBalance", Trigger.LowBalance, Expect.Failed, Quota },
            { TencentApi.CvmGateway, "InvalidAccount.UnpaidOrder", Trigger.UnpaidOrder, Expect.Failed, Operation },
            { TencentApi.CvmGateway, "InternalServerError", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.CvmGateway, "UnsupportedOperation.InstanceChargeType", Trigger.Postpaid, Expect.Failed, Operation },
            { TencentApi.CvmGateway, "RequestLimitExceeded", Trigger.Throttle, Expect.Retried, Limits },
            { TencentApi.CvmGateway, "AuthFailure.SignatureExpire", Trigger.ClockSkew, Expect.Retried, Auth },
            { TencentApi.CvmGateway, "AuthFailure.SignatureFailure", Trigger.WrongSecret, Expect.Failed, Auth },
            { TencentApi.CvmGateway, "AuthFailure.SecretIdNotFound", Trigger.UnknownKey, Expect.Failed, Auth },
            { TencentApi.CvmGateway, "AuthFailure.TokenFailure", Trigger.StrayToken, Expect.Failed, Auth },
            // Seed 000: legacy CVM RenewInstance (named code in codeDesc, common number in code).
            { TencentApi.CvmLegacy, "OperationConstraints.InvaildInstanceStatus", Trigger.Postpaid, Expect.Failed, Operation },
            { TencentApi.CvmLegacy, "OperationConstraints.InvaildInstanceStatus", Trigger.InstanceState, Expect.Failed, Operation },
            { TencentApi.CvmLegacy, "OperationConstraints.AccountBalanceNotEnough", Trigger.LowBalance, Expect.Failed, Quota },
            { TencentApi.CvmLegacy, "PermissionDenied.UserQualificationAuditFailed", Trigger.Forced, Expect.Failed, Denied },
            { TencentApi.CvmLegacy, "NotSupport.SharedInstance", Trigger.Forced, Expect.Failed, Operation },
            { TencentApi.CvmLegacy, "OperationFail.SystemBusy", Trigger.Fault, Expect.Retried, Busy },
            { TencentApi.CvmLegacy, "ResourceNotFound", Trigger.UnknownId, Expect.Failed, NotFound },
            { TencentApi.CvmLegacy, "InvalidAccount.UnpaidOrder", Trigger.UnpaidOrder, Expect.Failed, Operation },
            { TencentApi.CvmLegacy, "InternalError", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.CvmLegacy, "RequestLimitExceeded", Trigger.Throttle, Expect.Retried, Limits },
            { TencentApi.CvmLegacy, "AuthFailure.SignatureExpire", Trigger.ClockSkew, Expect.Retried, Auth },
            { TencentApi.CvmLegacy, "AuthFailure.SignatureFailure", Trigger.WrongSecret, Expect.Failed, Auth },
            { TencentApi.CvmLegacy, "AuthFailure.SecretIdNotFound", Trigger.UnknownKey, Expect.Failed, Auth },
            // §3: API 3.0 RenewDBInstances.
            { TencentApi.Mongo3, "InvalidParameter.PermissionDenied", Trigger.Fault, Expect.Failed, Denied },
            { TencentApi.Mongo3, "InvalidParameterValue.InvalidTradeOperation", Trigger.Postpaid, Expect.Failed, Operation },
            { TencentApi.Mongo3, "InvalidParameterValue.InvalidTradeOperation", Trigger.InstanceState, Expect.Failed, Operation },
            { TencentApi.Mongo3, "InvalidParameterValue.NotFoundInstance", Trigger.UnknownId, Expect.Failed, NotFound },
            { TencentApi.Mongo3, "InvalidParameterValue.ZoneClosed", Trigger.Forced, Expect.Failed, Operation },
            { TencentApi.Mongo3, "InvalidParameter", Trigger.Fault, Expect.Failed, Argument },
            { TencentApi.Mongo3, "InvalidAccount.InsufficientBalance", Trigger.LowBalance, Expect.Failed, Quota },
            { TencentApi.Mongo3, "InvalidAccount.UnpaidOrder", Trigger.UnpaidOrder, Expect.Failed, Operation },
            { TencentApi.Mongo3, "InternalError", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.Mongo3, "InternalError.FindInstanceFailed", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.Mongo3, "RequestLimitExceeded", Trigger.Throttle, Expect.Retried, Limits },
            { TencentApi.Mongo3, "AuthFailure.SignatureExpire", Trigger.ClockSkew, Expect.Retried, Auth },
            { TencentApi.Mongo3, "AuthFailure.SignatureFailure", Trigger.WrongSecret, Expect.Failed, Auth },
            { TencentApi.Mongo3, "AuthFailure.SecretIdNotFound", Trigger.UnknownKey, Expect.Failed, Auth },
            // Seed 002: legacy RenewMongoDB (numeric module codes).
            { TencentApi.MongoLegacy, "11050", Trigger.Postpaid, Expect.Failed, Argument },
            { TencentApi.MongoLegacy, "11056", Trigger.UnknownId, Expect.Failed, NotFound },
            { TencentApi.MongoLegacy, "11051", Trigger.InstanceState, Expect.Failed, NotFound },
            { TencentApi.MongoLegacy, "11067", Trigger.Forced, Expect.Failed, Argument },
            { TencentApi.MongoLegacy, "100207", Trigger.LowBalance, Expect.Failed, Quota },
            { TencentApi.MongoLegacy, "InternalError", Trigger.Fault, Expect.Unknown, Unavailable },
            { TencentApi.MongoLegacy, "RequestLimitExceeded", Trigger.Throttle, Expect.Retried, Limits },
            { TencentApi.MongoLegacy, "AuthFailure.SignatureExpire", Trigger.ClockSkew, Expect.Retried, Auth },
            { TencentApi.MongoLegacy, "AuthFailure.SignatureFailure", Trigger.WrongSecret, Expect.Failed, Auth },
        };

        /// <summary>Seed 002 pairs each number with a name; the gateway sends the name in codeDesc and the number in code.</summary>
        private static readonly Dictionary<string, string> Seed002Names = new Dictionary<string, string>
        {
            ["11050"] = "InvalidParameter",
            ["11056"] = "InstanceNotExists",
            ["11051"] = "InstanceDeleted",
            ["11067"] = "PeriodNotInRange",
            ["100207"] = "OperationConstraints.AccountBalanceNotEnough",
        };

        [Theory]
        [MemberData(nameof(Api3Cvm))]
        [MemberData(nameof(OtherActions))]
        public void Each_code_is_reported_and_retried_as_classified(TencentApi api, string code, Trigger trigger, Expect expect, ErrorCategory category)
        {
            var (service, action, command) = Describe(api);
            var row = new ErrorRow(_fixture, service, action, code, trigger)
            {
                WireCode = api == TencentApi.MongoLegacy && Seed002Names.TryGetValue(code, out var name) ? name : null,
            };

            var r = row.Run(command);

            var legacy = api == TencentApi.CvmLegacy || api == TencentApi.MongoLegacy;
            row.AssertOutcome(r, expect, category, legacy ? RenewalStatus.Renewed : RenewalStatus.Submitted, Classified(legacy, code));
        }

        /// <summary>
        /// Nothing executed on a refusal, so isolating the instance behind an instance-scoped code by splitting the batch
        /// cannot charge twice; a request-scoped code fails the whole batch with one request.
        /// </summary>
        [Theory]
        [InlineData("ResourceInUse", true)]
        [InlineData("InvalidInstance.NotSupported", true)]
        [InlineData("FailedOperation.InvalidInstanceApplicationRoleEmr", true)]
        [InlineData("LimitExceeded", false)]
        [InlineData("UnauthorizedOperation", false)]
        public void A_refused_instance_in_a_batch_is_isolated_only_when_the_code_is_about_an_instance(string code, bool instanceScoped)
        {
            var first = _fixture.AddInstance("cvm");
            var refused = _fixture.AddInstance("cvm");
            var last = _fixture.AddInstance("cvm");
            refused.ForcedError = code;

            var r = _fixture.Run("'" + first.Id + "','" + refused.Id + "','" + last.Id + "' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $cred -Endpoint $endpoint -Force", Harness.Clouds.TencentCredential, null);

            Assert.Equal(3, r.Results.Count);
            var failed = r.Results.Where(x => x.Status == RenewalStatus.Failed).ToList();
            Assert.All(failed, x => Assert.Equal(code, x.ErrorCode));
            Assert.Equal(0, _fixture.Emulator.RenewalCount(refused.Id));
            Assert.Equal(failed.Count, r.Errors.Count);
            if (instanceScoped)
            {
                Assert.Equal(refused.Id, Assert.Single(failed).InstanceId);
                Assert.Equal(1, _fixture.Emulator.RenewalCount(first.Id));
                Assert.Equal(1, _fixture.Emulator.RenewalCount(last.Id));
                Assert.True(_fixture.RequestsFor(refused.Id).Count > 1);
            }
            else
            {
                Assert.Equal(3, failed.Count);
                Assert.Single(_fixture.RequestsFor(refused.Id));
                Assert.Equal(0, _fixture.Emulator.RenewalCount(first.Id));
                Assert.Equal(0, _fixture.Emulator.RenewalCount(last.Id));
            }
        }

        private static (string Service, string Action, string Command) Describe(TencentApi api) => api switch
        {
            TencentApi.Cvm3 => ("cvm", "RenewInstances", "Invoke-CvmRenewal -Region ap-guangzhou -Period 1"),
            TencentApi.CvmGateway => ("cvm", "RenewInstances", "Invoke-CvmRenewal -Api LegacyRenewInstances -Region ap-guangzhou -Period 1"),
            TencentApi.CvmLegacy => ("cvm", "RenewInstance", "Invoke-CvmRenewal -Api LegacyRenewInstance -Region ap-guangzhou -Period 1"),
            TencentApi.Mongo3 => ("mongodb", "RenewDBInstances", "Invoke-MongoDbRenewal -Region ap-guangzhou -Period 1"),
            _ => ("mongodb", "RenewMongoDB", "Invoke-MongoDbRenewal -Api LegacyRenewMongoDB -Region ap-guangzhou -Period 1"),
        };

        /// <summary>The legacy single-instance actions look in TencentLegacy first, then TencentApi3 (the gateway's codeDesc names).</summary>
        private static ErrorClass Classified(bool legacy, string code)
        {
            if (legacy && ErrorCatalog.TencentLegacy.TryClassify(code, out var found))
            {
                return found;
            }
            Assert.True(ErrorCatalog.TencentApi3.TryClassify(code, out found), code + " is not named in the catalog.");
            return found;
        }
    }
}
