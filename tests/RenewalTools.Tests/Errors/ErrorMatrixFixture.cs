using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CloudEmulator;
using RenewalTools.Errors;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Errors
{
    /// <summary>How a row makes the cloud answer with its code.</summary>
    public enum Trigger
    {
        /// <summary>A scripted FaultRule (Kind ErrorCode) answers the first request for the instance with the code; nothing executes.</summary>
        Fault,
        /// <summary>EmulatedInstance.ForcedError: every request for the instance is refused with the code.</summary>
        Forced,
        /// <summary>The cloud's own rate-limit answer, once.</summary>
        Throttle,
        UnknownId,
        MalformedId,
        Postpaid,
        LowBalance,
        UnpaidOrder,
        LockedForSecurity,
        /// <summary>The instance is in the state that the row's code names.</summary>
        InstanceState,
        /// <summary>ECS on the international site, with a period or unit only the China site accepts.</summary>
        InternationalSite,
        /// <summary>ECS: the renewal would pass the five-year maximum expiration date.</summary>
        PastMaximumExpiry,
        /// <summary>The credential carries the right key id with the wrong secret.</summary>
        WrongSecret,
        /// <summary>The credential's key id does not exist.</summary>
        UnknownKey,
        /// <summary>-SessionToken sent with a long-term key.</summary>
        StrayToken,
        /// <summary>The cloud's clock is an hour ahead of this machine's.</summary>
        ClockSkew,
    }

    /// <summary>What the module must do with the row's code.</summary>
    public enum Expect
    {
        /// <summary>Failed, not resent.</summary>
        Failed,
        /// <summary>Unknown (may have executed), not resent.</summary>
        Unknown,
        /// <summary>Resent once and then renewed (Renewed or Submitted).</summary>
        Retried,
    }

    /// <summary>
    /// One emulator and one runspace for a whole error matrix. Rows of a class run one after another and each renews
    /// instances of its own, so request and renewal counts per instance belong to that row alone.
    /// </summary>
    public sealed class ErrorMatrixFixture : IAsyncLifetime
    {
        public const int ClockAheadSeconds = 3600;
        private int _serial;
        private EmulatorHost? _emulator;
        private PowerShellRun? _ps;

        public EmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync()
        {
            _emulator = await EmulatorHost.StartAsync(Clouds.Scenario(Array.Empty<EmulatedInstance>()));
            _ps = new PowerShellRun(interactive: false);
        }

        public async Task DisposeAsync()
        {
            _ps?.Dispose();
            if (_emulator != null)
            {
                await _emulator.DisposeAsync();
            }
        }

        public string NextSerial() => Interlocked.Increment(ref _serial).ToString("D7", CultureInfo.InvariantCulture);

        /// <summary>A new prepaid instance of the service, added to the running emulator (no request is in flight between rows).</summary>
        public EmulatedInstance AddInstance(string service)
        {
            var serial = NextSerial();
            var instance = service switch
            {
                "cvm" => Clouds.Cvm("ins-e" + serial),
                "mongodb" => Clouds.Mongo("cmgo-e" + serial),
                _ => Clouds.Ecs("i-bpe" + serial.PadLeft(17, '0')),
            };
            Emulator.Scenario.Instances.Add(instance);
            return instance;
        }

        public RunResult Run(string script, PSCredential credential, SecureString? sessionToken) => _ps!.Invoke(script, new Dictionary<string, object?>
        {
            ["endpoint"] = Emulator.BaseUri.ToString(),
            ["cred"] = credential,
            ["token"] = sessionToken,
        });

        public List<RecordedRequest> RequestsFor(string instanceId) => Emulator.Requests.Where(q => q.InstanceIds.Contains(instanceId)).ToList();
    }

    /// <summary>Puts one row's trigger in place, runs the cmdlet, and checks what the module did with the code.</summary>
    internal sealed class ErrorRow
    {
        private static readonly Regex SixtyFourHex = new Regex("[0-9a-fA-F]{64}", RegexOptions.CultureInvariant);

        private readonly ErrorMatrixFixture _fixture;

        public ErrorRow(ErrorMatrixFixture fixture, string service, string action, string code, Trigger trigger, int? httpStatus = null)
        {
            _fixture = fixture;
            HttpStatus = httpStatus;
            Code = code;
            Trigger = trigger;
            Secret = service == "ecs" ? Clouds.AlibabaSecret : Clouds.TencentKey;
            var keyId = service == "ecs" ? Clouds.AlibabaId : Clouds.TencentId;
            if (trigger == Trigger.UnknownId || trigger == Trigger.MalformedId)
            {
                var serial = fixture.NextSerial();
                InstanceId = trigger == Trigger.MalformedId
                    ? "ins-" + serial.Substring(3)
                    : service switch { "cvm" => "ins-u" + serial, "mongodb" => "cmgo-u" + serial, _ => "i-bpu" + serial.PadLeft(17, '0') };
                Instance = null;
            }
            else
            {
                Instance = fixture.AddInstance(service);
                InstanceId = Instance.Id;
            }
            switch (trigger)
            {
                case Trigger.Fault:
                    fixture.Emulator.Enqueue(new FaultRule { Action = action, InstanceId = InstanceId, Kind = FaultKind.ErrorCode, Code = code, HttpStatus = HttpStatus });
                    break;
                case Trigger.Throttle:
                    fixture.Emulator.Enqueue(new FaultRule { Action = action, InstanceId = InstanceId, Kind = FaultKind.Throttle });
                    break;
                case Trigger.Forced:
                    Instance!.ForcedError = code;
                    break;
                case Trigger.Postpaid:
                    Instance!.ChargeType = service == "ecs" ? "PostPaid" : "POSTPAID_BY_HOUR";
                    break;
                case Trigger.LowBalance:
                    Instance!.MonthlyPrice = 100_000_000m;
                    break;
                case Trigger.UnpaidOrder:
                    Instance!.UnpaidOrder = true;
                    break;
                case Trigger.LockedForSecurity:
                    Instance!.LockedForSecurity = true;
                    break;
                case Trigger.InstanceState:
                    Instance!.State = StateNamedBy(code);
                    break;
                case Trigger.PastMaximumExpiry:
                    Instance!.Expiry = DateTimeOffset.UtcNow.AddYears(4);
                    break;
                case Trigger.WrongSecret:
                    Secret = "wrongSecretForErrorMatrix00000001";
                    break;
                case Trigger.UnknownKey:
                    keyId = service == "ecs" ? "LTAIunknownErrorMatrix01" : "AKIDunknownErrorMatrix0000000001";
                    break;
            }
            Credential = Clouds.Credential(keyId, Secret);
            SessionToken = trigger == Trigger.StrayToken ? new NetworkCredential("", "strayTokenForErrorMatrix").SecurePassword : null;
        }

        public string Code { get; }
        public Trigger Trigger { get; }
        public string InstanceId { get; }
        public EmulatedInstance? Instance { get; }
        public string Secret { get; }
        public PSCredential Credential { get; }
        public SecureString? SessionToken { get; }
        /// <summary>The HTTP status a scripted fault answers with; null = the product's default.</summary>
        public int? HttpStatus { get; }
        /// <summary>The code as the emulator records it, when the wire names it differently (seed 002's numbers travel with names).</summary>
        public string? WireCode { get; init; }

        /// <summary>Runs "'id' | command arguments" with the row's credential, the emulator's clock and site set for the trigger.</summary>
        public RunResult Run(string commandAndArguments)
        {
            var scenario = _fixture.Emulator.Scenario;
            var script = "'" + InstanceId + "' | " + commandAndArguments + " -Credential $cred -Endpoint $endpoint -Force -Verbose" + (SessionToken is null ? "" : " -SessionToken $token");
            try
            {
                if (Trigger == Trigger.ClockSkew)
                {
                    scenario.ClockOffsetSeconds = ErrorMatrixFixture.ClockAheadSeconds;
                }
                if (Trigger == Trigger.InternationalSite)
                {
                    scenario.EcsSite = "international";
                }
                return _fixture.Run(script, Credential, SessionToken);
            }
            finally
            {
                scenario.ClockOffsetSeconds = 0;
                scenario.EcsSite = "china";
            }
        }

        /// <summary>
        /// Status, ErrorCode, ErrorClass, the ErrorRecord (category, FullyQualifiedErrorId, target), attempts, requests that
        /// carried the instance and renewals. A retried row shows its code and kind in the verbose stream instead.
        /// </summary>
        public void AssertOutcome(RunResult r, Expect expect, ErrorCategory category, RenewalStatus successStatus, ErrorClass catalogClass, string retriedAs = nameof(ErrorKind.SafeToRetry))
        {
            Assert.Null(r.Terminating);
            var result = Assert.Single(r.Results);
            Assert.Equal(InstanceId, result.InstanceId);
            var requests = _fixture.RequestsFor(InstanceId);
            Assert.Equal(WireCode ?? Code, requests[0].Outcome);
            Assert.DoesNotContain(Secret, r.AllText(), StringComparison.Ordinal);
            Assert.DoesNotContain(Clouds.TencentKey, r.AllText(), StringComparison.Ordinal);
            Assert.DoesNotContain(Clouds.AlibabaSecret, r.AllText(), StringComparison.Ordinal);
            Assert.Equal(category.ToString(), catalogClass.Category.ToString());

            if (expect == Expect.Retried)
            {
                Assert.Equal(successStatus, result.Status);
                Assert.Null(result.ErrorCode);
                Assert.Empty(r.Errors);
                Assert.Equal(2, result.Attempts);
                Assert.Equal(2, requests.Count);
                Assert.Equal("Success", requests[1].Outcome);
                Assert.Equal(1, _fixture.Emulator.RenewalCount(InstanceId));
                Assert.Contains(r.Verbose, v => v.Message.Contains("-> " + Code + " (" + retriedAs + ")", StringComparison.Ordinal));
                if (Trigger == Trigger.ClockSkew)
                {
                    Assert.Contains(r.Warnings, w => w.Message.Contains("clock", StringComparison.OrdinalIgnoreCase));
                }
                return;
            }

            Assert.Equal(expect == Expect.Unknown ? RenewalStatus.Unknown : RenewalStatus.Failed, result.Status);
            Assert.Equal(Code, result.ErrorCode);
            Assert.Equal(expect == Expect.Unknown ? nameof(ErrorKind.MayHaveExecuted) : nameof(ErrorKind.Final), result.ErrorClass);
            Assert.Equal(1, result.Attempts);
            Assert.False(Assert.Single(requests).Executed);
            Assert.Equal(0, _fixture.Emulator.RenewalCount(InstanceId));
            var error = Assert.Single(r.Errors);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.StartsWith(Code + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Same(result, error.TargetObject);
            Assert.Contains(InstanceId, error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(Code, error.Exception.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
        }

        /// <summary>The text a person or a log sees for this row's failure: the result's Message and the ErrorRecord.</summary>
        public static void AssertNoStringToSign(RunResult r, string secret)
        {
            var result = Assert.Single(r.Results);
            var error = Assert.Single(r.Errors);
            var shown = new[] { result.Message ?? "", error.ToString(), error.Exception.Message, error.ErrorDetails?.Message ?? "", r.AllText() };
            foreach (var text in shown)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain("GET&%2F&", text, StringComparison.Ordinal);
                Assert.DoesNotContain("POST&%2F&", text, StringComparison.Ordinal);
                Assert.DoesNotContain("AccessKeyId%3D", text, StringComparison.Ordinal);
                Assert.DoesNotContain("ACS3-HMAC-SHA256\n", text, StringComparison.Ordinal);
                Assert.DoesNotContain("string to sign is", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Clouds.AlibabaId, text, StringComparison.Ordinal);
                Assert.False(SixtyFourHex.IsMatch(text), "A 64-hex-digit hash (the ACS3 string to sign) is shown: " + text);
            }
        }

        private static string StateNamedBy(string code) => code switch
        {
            "UnsupportedOperation.InstanceStateBanning" => "BANNING",
            "UnsupportedOperation.InstanceStateFreezing" => "FREEZING",
            "UnsupportedOperation.InstanceStatePending" => "PENDING",
            "UnsupportedOperation.InstanceStateRebooting" => "REBOOTING",
            "UnsupportedOperation.InstanceStateStarting" => "STARTING",
            "UnsupportedOperation.InstanceStateStopping" => "STOPPING",
            "UnsupportedOperation.InstanceStateTerminating" => "TERMINATING",
            "OperationDenied.InstanceOperationInProgress" => "OPERATING",
            "OperationConstraints.InvaildInstanceStatus" => "STOPPING",
            "InvalidParameterValue.InvalidTradeOperation" => "ISOLATING",
            "11051" => "DELETED",
            "IncorrectInstanceStatus" => "Stopping",
            _ => throw new ArgumentException("No instance state produces " + code, nameof(code)),
        };
    }

    /// <summary>Short names for the categories the matrix rows expect.</summary>
    public abstract class ErrorMatrixRows
    {
        protected const ErrorCategory Auth = ErrorCategory.AuthenticationError;
        protected const ErrorCategory Denied = ErrorCategory.PermissionDenied;
        protected const ErrorCategory Limits = ErrorCategory.LimitsExceeded;
        protected const ErrorCategory Quota = ErrorCategory.QuotaExceeded;
        protected const ErrorCategory Argument = ErrorCategory.InvalidArgument;
        protected const ErrorCategory Operation = ErrorCategory.InvalidOperation;
        protected const ErrorCategory NotFound = ErrorCategory.ObjectNotFound;
        protected const ErrorCategory Busy = ErrorCategory.ResourceBusy;
        protected const ErrorCategory Unavailable = ErrorCategory.ResourceUnavailable;
    }
}
