using System.Linq;
using System.Management.Automation;
using RenewalTools.Errors;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Errors
{
    /// <summary>
    /// Every code of seed 003 (with its HTTP status), the RPC common codes of cloud-apis.md §5.4 and the renewal codes of
    /// §6, driven through the emulator and Invoke-EcsRenewal; the signature codes under both ACS3 and RPC 1.0.
    /// </summary>
    public class EcsErrorMatrixTests : ErrorMatrixRows, IClassFixture<ErrorMatrixFixture>
    {
        private readonly ErrorMatrixFixture _fixture;

        public EcsErrorMatrixTests(ErrorMatrixFixture fixture)
        {
            _fixture = fixture;
        }

        /// <summary>Signature, key, timestamp, nonce, token and flow-control codes: under each signature version.</summary>
        public static TheoryData<string, string, int, Trigger, Expect, ErrorCategory> SignatureAndCommon
        {
            get
            {
                var rows = new TheoryData<string, string, int, Trigger, Expect, ErrorCategory>();
                foreach (var signature in new[] { "ACS3", "1.0" })
                {
                    rows.Add(signature, "SignatureDoesNotMatch", 400, Trigger.WrongSecret, Expect.Failed, Auth);
                    rows.Add(signature, "InvalidAccessKeyId.NotFound", 404, Trigger.UnknownKey, Expect.Failed, Auth);
                    rows.Add(signature, "InvalidTimeStamp.Expired", 400, Trigger.ClockSkew, Expect.Retried, Auth);
                    rows.Add(signature, "SignatureNonceUsed", 400, Trigger.Fault, Expect.Retried, Auth);
                    rows.Add(signature, "InvalidSecurityToken.MismatchWithAccessKey", 400, Trigger.StrayToken, Expect.Failed, Auth);
                    rows.Add(signature, "IncompleteSignature", 400, Trigger.Fault, Expect.Failed, Auth);
                    rows.Add(signature, "InvalidTimeStamp.Format", 400, Trigger.Fault, Expect.Failed, Argument);
                    rows.Add(signature, "IllegalTimestamp", 400, Trigger.Fault, Expect.Failed, Argument);
                    rows.Add(signature, "InvalidAccessKeyId.Inactive", 403, Trigger.Fault, Expect.Failed, Auth);
                    rows.Add(signature, "Forbidden.AccessKeyDisabled", 403, Trigger.Fault, Expect.Failed, Auth);
                    rows.Add(signature, "Forbidden.RAM", 403, Trigger.Fault, Expect.Failed, Denied);
                    rows.Add(signature, "Throttling.User", 400, Trigger.Throttle, Expect.Retried, Limits);
                    rows.Add(signature, "InternalError", 500, Trigger.Fault, Expect.Retried, Unavailable);
                }
                return rows;
            }
        }

        /// <summary>The rest of §5.4 and §6, and every row of seed 003's table, with the status the documents give.</summary>
        public static TheoryData<string, string, int, Trigger, Expect, ErrorCategory> RenewInstanceCodes => new TheoryData<string, string, int, Trigger, Expect, ErrorCategory>
        {
            // §5.4 common codes.
            { "ACS3", "Throttling", 400, Trigger.Fault, Expect.Retried, Limits },
            { "ACS3", "Throttling.User", 400, Trigger.Fault, Expect.Retried, Limits },
            { "ACS3", "Throttling.Api", 400, Trigger.Fault, Expect.Retried, Limits },
            { "1.0", "Throttling.Api", 429, Trigger.Fault, Expect.Retried, Limits },
            { "ACS3", "ServiceUnavailable", 503, Trigger.Fault, Expect.Retried, Unavailable },
            { "ACS3", "MissingParameter", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "Forbidden.Unauthorized", 403, Trigger.Fault, Expect.Failed, Denied },
            { "ACS3", "Forbidden.RiskControl", 403, Trigger.Fault, Expect.Failed, Denied },
            { "ACS3", "IdempotentParameterMismatch", 400, Trigger.Fault, Expect.Failed, Operation },
            { "ACS3", "OperationConflict", 409, Trigger.Fault, Expect.Retried, Busy },
            // Seed 003, in the order of its table.
            { "ACS3", "InvalidInternetChargeType.ValueNotSupported", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidInstanceType.NotSupported", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidParameter", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidInstanceChargeType.NotFound", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidRebootTime.ValueNotSupported", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "IdempotenceParamNotMatch", 400, Trigger.Fault, Expect.Failed, Operation },
            { "ACS3", "InvalidClientToken.ValueNotSupported", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "ChargeTypeViolation", 403, Trigger.Postpaid, Expect.Failed, Operation },
            { "ACS3", "InvalidInstanceType.ValueNotSupported", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidDiskId.NotFound", 404, Trigger.Fault, Expect.Failed, NotFound },
            { "ACS3", "Diskcategory.Mismatch", 403, Trigger.Forced, Expect.Failed, Operation },
            { "ACS3", "InvalidInstanceId.NotFound", 404, Trigger.UnknownId, Expect.Failed, NotFound },
            { "1.0", "InvalidInstanceId.NotFound", 404, Trigger.UnknownId, Expect.Failed, NotFound },
            { "ACS3", "IncorrectInstanceStatus", 403, Trigger.InstanceState, Expect.Failed, Operation },
            { "ACS3", "InvalidInstanceType.codeUnauthorized", 400, Trigger.Fault, Expect.Failed, Denied },
            { "ACS3", "InvalidInternetChargeType.InstanceNotSupported", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidPeriod", 400, Trigger.InternationalSite, Expect.Failed, Argument },
            { "ACS3", "InstanceSpecModification.NotEffective", 403, Trigger.Forced, Expect.Failed, Operation },
            { "ACS3", "Upgrade.NotSupported", 400, Trigger.Fault, Expect.Failed, Operation },
            { "ACS3", "LastTokenProcessing", 403, Trigger.Fault, Expect.Retried, Busy },
            { "ACS3", "Instance.UnPaidOrder", 403, Trigger.UnpaidOrder, Expect.Failed, Operation },
            { "ACS3", "OperationDenied", 400, Trigger.Fault, Expect.Failed, Operation },
            { "ACS3", "InvalidInstanceType.ValueUnauthorized", 400, Trigger.Fault, Expect.Failed, Denied },
            { "ACS3", "InstanceLockedForSecurity", 403, Trigger.LockedForSecurity, Expect.Failed, Denied },
            { "ACS3", "InvalidDisk.NotAllowed", 403, Trigger.Forced, Expect.Failed, Operation },
            { "ACS3", "DependencyViolation.InstanceType", 400, Trigger.Fault, Expect.Failed, Operation },
            { "ACS3", "InstanceTypeNotSupported", 403, Trigger.Forced, Expect.Failed, Operation },
            { "ACS3", "InvalidPeriodUnit.ValueNotSupported", 400, Trigger.InternationalSite, Expect.Failed, Argument },
            { "ACS3", "InvalidDedicatedHostId.NotFound", 400, Trigger.Fault, Expect.Failed, NotFound },
            { "ACS3", "InvalidDedicatedHostStatus.NotSupport", 400, Trigger.Fault, Expect.Failed, Operation },
            { "ACS3", "IncorrectDedicatedHostStatus", 400, Trigger.Fault, Expect.Failed, Operation },
            { "ACS3", "InvalidPeriod.ExceededDedicatedHost", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidStatus.Upgrading", 400, Trigger.Fault, Expect.Failed, Busy },
            { "ACS3", "InvalidPeriod.ExceededMaximumExpirationDate", 400, Trigger.PastMaximumExpiry, Expect.Failed, Argument },
            // InternalError (500) is in the rows above, under both signatures.
            { "ACS3", "LastOrderProcessing", 400, Trigger.Fault, Expect.Retried, Busy },
            // §6 renewal codes seed 003 lacks.
            { "ACS3", "Idempotence.Processing", 400, Trigger.Fault, Expect.Retried, Busy },
            { "ACS3", "InvalidChargeType.NotSupported", 403, Trigger.Forced, Expect.Failed, Operation },
            { "ACS3", "OperationDenied.NoStock", 403, Trigger.Forced, Expect.Failed, Unavailable },
            { "ACS3", "InvalidPeriod.StarterPackage", 403, Trigger.Forced, Expect.Failed, Argument },
            { "ACS3", "InvalidExpectedRenewDay.Conflict", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidExpectedRenewDay.ValueNotSupported", 400, Trigger.Fault, Expect.Failed, Argument },
            { "ACS3", "InvalidAccountStatus.NotEnoughBalance", 403, Trigger.LowBalance, Expect.Failed, Quota },
        };

        [Theory]
        [MemberData(nameof(SignatureAndCommon))]
        [MemberData(nameof(RenewInstanceCodes))]
        public void Each_code_is_reported_and_retried_as_classified(string signature, string code, int httpStatus, Trigger trigger, Expect expect, ErrorCategory category)
        {
            var row = new ErrorRow(_fixture, "ecs", "ecs:RenewInstance", code, trigger, httpStatus);

            var r = row.Run("Invoke-EcsRenewal -Region cn-hangzhou " + PeriodFor(code, trigger) + " -SignatureVersion " + signature);

            Assert.True(ErrorCatalog.Alibaba.TryClassify(code, out var classified), code + " is not named in the catalog.");
            // A 5xx or a replay refusal may have executed: ECS resends it with the same ClientToken, which cannot charge twice.
            var retriedAs = classified.Kind == ErrorKind.MayHaveExecuted ? nameof(ErrorKind.MayHaveExecuted) : nameof(ErrorKind.SafeToRetry);
            row.AssertOutcome(r, expect, category, RenewalStatus.Renewed, classified, retriedAs);
            var requests = _fixture.RequestsFor(row.InstanceId);
            Assert.Equal(httpStatus, requests[0].HttpStatus);
            Assert.Single(requests.Select(ClientToken).Distinct());
        }

        [Theory]
        [InlineData("ACS3")]
        [InlineData("1.0")]
        public void SignatureDoesNotMatch_shows_neither_the_secret_nor_the_servers_string_to_sign(string signature)
        {
            var row = new ErrorRow(_fixture, "ecs", "ecs:RenewInstance", "SignatureDoesNotMatch", Trigger.WrongSecret);

            var r = row.Run("Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -SignatureVersion " + signature);

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Failed, result.Status);
            Assert.Equal("SignatureDoesNotMatch", result.ErrorCode);
            // The part of the cloud's message that helps stays; the echoed string to sign does not.
            Assert.Contains("Specified signature is not matched with our calculation.", result.Message, System.StringComparison.Ordinal);
            Assert.Contains("AccessKeySecret", result.Message, System.StringComparison.Ordinal);
            ErrorRow.AssertNoStringToSign(r, row.Secret);
            ErrorRow.AssertNoStringToSign(r, Clouds.AlibabaSecret);
        }

        [Fact]
        public void An_InternalError_that_never_settles_is_resent_with_the_same_token_and_then_reported_Unknown()
        {
            var row = new ErrorRow(_fixture, "ecs", "ecs:RenewInstance", "InternalError", Trigger.Forced);

            var r = row.Run("Invoke-EcsRenewal -Region cn-hangzhou -Period 1");

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Unknown, result.Status);
            Assert.Equal("InternalError", result.ErrorCode);
            Assert.Equal(nameof(ErrorKind.MayHaveExecuted), result.ErrorClass);
            // RenewalOptions.MaxIdempotentAttempts: resends stop after six, each under the same ClientToken.
            Assert.Equal(6, result.Attempts);
            var requests = _fixture.RequestsFor(row.InstanceId);
            Assert.Equal(6, requests.Count);
            Assert.All(requests, q => Assert.Equal(500, q.HttpStatus));
            Assert.Single(requests.Select(ClientToken).Distinct());
            Assert.Equal(0, _fixture.Emulator.RenewalCount(row.InstanceId));
            var error = Assert.Single(r.Errors);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.StartsWith("InternalError,", error.FullyQualifiedErrorId, System.StringComparison.Ordinal);
        }

        /// <summary>A row's -Period: the international site refuses Month 10 and any Week (§6); five years out passes the maximum expiry.</summary>
        private static string PeriodFor(string code, Trigger trigger) => (code, trigger) switch
        {
            ("InvalidPeriod", Trigger.InternationalSite) => "-Period 10",
            ("InvalidPeriodUnit.ValueNotSupported", Trigger.InternationalSite) => "-Period 1 -PeriodUnit Week",
            (_, Trigger.PastMaximumExpiry) => "-Period 24",
            _ => "-Period 1",
        };

        private static string ClientToken(CloudEmulator.RecordedRequest request) =>
            request.Parameter("ClientToken")!;
    }
}
