using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>Issue #5 item 5: HTTPS off loopback, clock-skew correction from the server's Date, refused connections.</summary>
    public sealed class TransportTests : EmulatorTest
    {
        protected override Scenario CreateScenario() => Clouds.Scenario(new[]
        {
            Clouds.Cvm("ins-skew0001"), Clouds.Cvm("ins-skew0002"), Clouds.Cvm("ins-skew0003"), Clouds.Cvm("ins-skew0004"), Clouds.Cvm("ins-skew0005"),
            Clouds.Mongo("cmgo-skew0001"), Clouds.Mongo("cmgo-skew0002"),
            Clouds.Ecs("i-bpskew0000000000001"), Clouds.Ecs("i-bpskew0000000000002"),
        });

        // Hosts that cannot be reached: the reserved .invalid TLD and TEST-NET-1; the check must come before any attempt.
        [Theory]
        [InlineData("Invoke-CvmRenewal", "ins-skew0001", "ap-guangzhou", "http://renewaltools.invalid")]
        [InlineData("Invoke-MongoDbRenewal", "cmgo-skew0001", "ap-guangzhou", "http://192.0.2.1:8080")]
        [InlineData("Invoke-EcsRenewal", "i-bpskew0000000000001", "cn-hangzhou", "http://127.0.0.1.invalid")]
        [InlineData("Invoke-CvmRenewal", "ins-skew0001", "ap-guangzhou", "http://example.invalid/v2/index.php")]
        public void Plain_http_to_a_non_loopback_host_is_refused_before_any_request(string cmdlet, string id, string region, string endpoint)
        {
            var clock = Stopwatch.StartNew();
            // No -Credential: the endpoint check must come first, so the error is about the endpoint, not about keys.
            var r = Run("'" + id + "' | " + cmdlet + " -Region " + region + " -Period 1 -Endpoint '" + endpoint + "' -TimeoutSec 2 -Force");

            // ThrowTerminatingError ends the command; inside a script it surfaces as the pipeline's one error record.
            var record = (r.Terminating as IContainsErrorRecord)?.ErrorRecord ?? Assert.Single(r.Errors);
            Assert.StartsWith("InsecureOrInvalidEndpoint,", record.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("HTTPS", record.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(new Uri(endpoint).Host, record.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
            Assert.Empty(r.Results);
            Assert.Empty(Emulator.Requests);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "Refusing an endpoint must not wait on the network.");
        }

        [Fact]
        public void Plain_http_to_loopback_by_address_is_accepted()
        {
            Assert.Equal("127.0.0.1", Emulator.BaseUri.Host);
            var r = Run("'ins-skew0001' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force");

            Assert.Null(r.Terminating);
            Assert.Equal(RenewalStatus.Submitted, Assert.Single(r.Results).Status);
        }

        public static IEnumerable<object[]> SkewCases() => new[]
        {
            new object[] { "Invoke-CvmRenewal -Credential $tc -Region ap-guangzhou", "ins-skew0001", "AuthFailure.SignatureExpire", 900 },
            new object[] { "Invoke-CvmRenewal -Credential $tc -Region ap-guangzhou", "ins-skew0002", "AuthFailure.SignatureExpire", -900 },
            new object[] { "Invoke-MongoDbRenewal -Credential $tc -Region ap-guangzhou", "cmgo-skew0001", "AuthFailure.SignatureExpire", 900 },
            new object[] { "Invoke-CvmRenewal -Api LegacyRenewInstances -Credential $tc -Region ap-guangzhou", "ins-skew0003", "AuthFailure.SignatureExpire", 900 },
            new object[] { "Invoke-CvmRenewal -Api LegacyRenewInstance -Credential $tc -Region ap-guangzhou", "ins-skew0004", null!, 900 },
            new object[] { "Invoke-MongoDbRenewal -Api LegacyRenewMongoDB -Credential $tc -Region ap-guangzhou", "cmgo-skew0002", null!, 900 },
            new object[] { "Invoke-EcsRenewal -SignatureVersion ACS3 -Credential $ali -Region cn-hangzhou", "i-bpskew0000000000001", "InvalidTimeStamp.Expired", 1200 },
            new object[] { "Invoke-EcsRenewal -SignatureVersion 1.0 -Credential $ali -Region cn-hangzhou", "i-bpskew0000000000002", "InvalidTimeStamp.Expired", -1200 },
        };

        /// <summary>
        /// Tencent allows 300 s and ECS 15 minutes, so 900 s is past Tencent's window; ECS needs more, since exactly 15
        /// minutes behind can still pass once the timestamp is truncated to the second. A null expected outcome: the
        /// legacy numeric envelope names the skew by its own code.
        /// </summary>
        [Theory]
        [MemberData(nameof(SkewCases))]
        public void A_skewed_clock_is_corrected_once_from_the_server_Date_with_a_warning(string command, string id, string? skewOutcome, int offsetSeconds)
        {
            Emulator.Scenario.ClockOffsetSeconds = offsetSeconds;
            var r = Run("'" + id + "' | " + command + " -Period 1 -Endpoint $endpoint -Force");

            Assert.Null(r.Terminating);
            var result = Assert.Single(r.Results);
            Assert.True(result.Status is RenewalStatus.Submitted or RenewalStatus.Renewed, result + " " + result.Message);
            Assert.Equal(1, Emulator.RenewalCount(id));
            Assert.Equal(2, result.Attempts);
            var requests = Emulator.Requests;
            Assert.Equal(2, requests.Count);
            Assert.False(requests[0].Executed);
            if (skewOutcome != null)
            {
                Assert.Equal(skewOutcome, requests[0].Outcome);
            }
            Assert.Equal("Success", requests[1].Outcome);
            var warning = Assert.Single(r.Warnings, w => w.Message.Contains("clock", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("server", warning.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void A_refused_connection_is_ConnectFailed_retried_then_Failed_never_Unknown()
        {
            var clock = Stopwatch.StartNew();
            var r = Run("'ins-skew0005' | Invoke-CvmRenewal -Credential $tc -Region ap-guangzhou -Period 1 -Endpoint $refused -Force", new Dictionary<string, object?> { ["refused"] = "http://127.0.0.1:" + UnusedLoopbackPort() });

            Assert.Null(r.Terminating);
            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Failed, result.Status);
            Assert.Equal("Transport.ConnectFailed", result.ErrorCode);
            Assert.Equal("SafeToRetry", result.ErrorClass);
            Assert.Equal(2, result.Attempts);
            Assert.Contains("Could not connect to http://127.0.0.1:", result.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Cloud message", result.Message, StringComparison.Ordinal);
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("Transport.ConnectFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(0, Emulator.RenewalCount("ins-skew0005"));
            // A wrong -Endpoint must say so within seconds (issue #12 item 9), not after a budget meant for busy clouds.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "A refused connection must fail fast: " + clock.Elapsed);
        }

        private static int UnusedLoopbackPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
