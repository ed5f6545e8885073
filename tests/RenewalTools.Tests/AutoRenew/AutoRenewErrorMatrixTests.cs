using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.AutoRenew
{
    /// <summary>
    /// Every code the three policy actions document (policy-and-evidence.md §2, from the SDKs' client files), answered by
    /// the emulator to the real cmdlet: each is reported as the status its classification implies, with its category, and
    /// retried only where it is classified so. Natural triggers (unknown, malformed, postpaid) are covered elsewhere too.
    /// </summary>
    public class AutoRenewErrorMatrixTests : EmulatorTest
    {
        private const string Cvm = "ins-errmx001";
        private const string Mongo = "cmgo-errmx001";
        private const string Ecs = "i-bperrmx00000000001";

        protected override Scenario CreateScenario()
        {
            var instances = new[] { Clouds.Cvm(Cvm), Clouds.Mongo(Mongo), Clouds.Ecs(Ecs) };
            foreach (var i in instances)
            {
                i.RenewFlag = "NOTIFY_AND_MANUAL_RENEW";
            }
            var scenario = Clouds.Scenario(instances);
            scenario.PolicyCompletionMs = 0;
            return scenario;
        }

        public static TheoryData<string, string, int, AutoRenewStatus, ErrorCategory> Codes => new TheoryData<string, string, int, AutoRenewStatus, ErrorCategory>
        {
            // CVM ModifyInstancesRenewFlag (sdk-go cvm/v20170312/client.go).
            { "ModifyInstancesRenewFlag", "FailedOperation.InvalidInstanceApplicationRoleEmr", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "InternalServerError", 200, AutoRenewStatus.Changed, ErrorCategory.NotSpecified },
            { "ModifyInstancesRenewFlag", "InvalidInstance.NotSupported", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "InvalidInstanceId.Malformed", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "ModifyInstancesRenewFlag", "InvalidInstanceId.NotFound", 200, AutoRenewStatus.Failed, ErrorCategory.ObjectNotFound },
            { "ModifyInstancesRenewFlag", "InvalidParameterValue", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "ModifyInstancesRenewFlag", "InvalidParameterValue.InstanceIdMalformed", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "ModifyInstancesRenewFlag", "InvalidParameterValue.LimitExceeded", 200, AutoRenewStatus.Failed, ErrorCategory.LimitsExceeded },
            { "ModifyInstancesRenewFlag", "MutexOperation.TaskRunning", 200, AutoRenewStatus.Failed, ErrorCategory.ResourceBusy },
            { "ModifyInstancesRenewFlag", "OperationDenied.InstanceOperationInProgress", 200, AutoRenewStatus.Failed, ErrorCategory.ResourceBusy },
            { "ModifyInstancesRenewFlag", "UnauthorizedOperation.MFAExpired", 200, AutoRenewStatus.Failed, ErrorCategory.AuthenticationError },
            { "ModifyInstancesRenewFlag", "UnauthorizedOperation.MFANotFound", 200, AutoRenewStatus.Failed, ErrorCategory.AuthenticationError },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceChargeType", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateBanning", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateEnterRescueMode", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateExitRescueMode", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateFreezing", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateIsolating", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStatePending", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateRebooting", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateRescueMode", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateServiceLiveMigrate", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateShutdown", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateStarting", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.InstanceStateStopping", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.SpecialInstanceType", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "UnsupportedOperation.UnderwritingInstanceTypeOnlySupportAutoRenew", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstancesRenewFlag", "RequestLimitExceeded", 200, AutoRenewStatus.Changed, ErrorCategory.NotSpecified },
            // MongoDB SetAutoRenew 2018-04-08 (sdk-go mongodb/v20180408/client.go).
            { "SetAutoRenew", "InvalidParameter", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "SetAutoRenew", "InvalidParameter.PermissionDenied", 200, AutoRenewStatus.Failed, ErrorCategory.PermissionDenied },
            { "SetAutoRenew", "InvalidParameterValue.NotFoundInstance", 200, AutoRenewStatus.Failed, ErrorCategory.ObjectNotFound },
            { "SetAutoRenew", "InvalidParameterValue.PostPayRenewError", 200, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "SetAutoRenew", "InternalError", 200, AutoRenewStatus.Changed, ErrorCategory.NotSpecified },
            // ECS ModifyInstanceAutoRenewAttribute (help.aliyun.com 52843).
            { "ModifyInstanceAutoRenewAttribute", "MissingParameter.InstanceId", 400, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "ModifyInstanceAutoRenewAttribute", "InvalidParameter.ToManyInstanceIds", 400, AutoRenewStatus.Failed, ErrorCategory.LimitsExceeded },
            { "ModifyInstanceAutoRenewAttribute", "InvalidParameter.InvalidInstanceId", 400, AutoRenewStatus.Failed, ErrorCategory.ObjectNotFound },
            { "ModifyInstanceAutoRenewAttribute", "IncorrectInstanceStatus", 403, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstanceAutoRenewAttribute", "ChargeTypeViolation", 403, AutoRenewStatus.Failed, ErrorCategory.InvalidOperation },
            { "ModifyInstanceAutoRenewAttribute", "InvalidParameter.Duration", 400, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "ModifyInstanceAutoRenewAttribute", "InvalidParameter.RenewalStatus", 400, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "ModifyInstanceAutoRenewAttribute", "InvalidPeriodUnit.ValueNotSupported", 400, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "ModifyInstanceAutoRenewAttribute", "InvalidPeriod.StarterPackage", 400, AutoRenewStatus.Failed, ErrorCategory.InvalidArgument },
            { "ModifyInstanceAutoRenewAttribute", "InternalError", 500, AutoRenewStatus.Changed, ErrorCategory.NotSpecified },
            { "ModifyInstanceAutoRenewAttribute", "Throttling", 400, AutoRenewStatus.Changed, ErrorCategory.NotSpecified },
        };

        [Theory]
        [MemberData(nameof(Codes))]
        public void Each_policy_action_code_is_reported_and_retried_as_classified(string action, string code, int httpStatus, AutoRenewStatus expected, ErrorCategory category)
        {
            var (command, id, region, credential) = action switch
            {
                "ModifyInstancesRenewFlag" => ("Set-CvmAutoRenew", Cvm, "ap-guangzhou", "$tc"),
                "SetAutoRenew" => ("Set-MongoDbAutoRenew", Mongo, "ap-guangzhou", "$tc"),
                _ => ("Set-EcsAutoRenew", Ecs, "cn-hangzhou", "$ali"),
            };
            // Once, before execution: a retried code is then answered with success, so "retried" shows as Changed.
            Emulator.Enqueue(new FaultRule { Action = action, Kind = FaultKind.ErrorCode, Code = code, HttpStatus = httpStatus });

            var r = Run("'" + id + "' | " + command + " -Region " + region + " -Policy AutoRenew -Credential " + credential + " -Endpoint $endpoint -Force");

            var result = Assert.Single(r.PolicyResults);
            Assert.Equal(expected, result.Status);
            var writes = Emulator.Requests.Where(q => q.Action == action).ToList();
            if (expected == AutoRenewStatus.Failed)
            {
                Assert.Equal(code, result.ErrorCode);
                var error = Assert.Single(r.Errors);
                Assert.Equal(category, error.CategoryInfo.Category);
                Assert.Equal(code, error.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Single(writes);
                Assert.Equal(AutoRenewMode.Manual, Emulator.PolicyOf(id)!.Mode);
            }
            else
            {
                Assert.Empty(r.Errors);
                Assert.Equal(2, writes.Count);
                Assert.Equal(AutoRenewMode.Auto, Emulator.PolicyOf(id)!.Mode);
            }
        }
    }
}
