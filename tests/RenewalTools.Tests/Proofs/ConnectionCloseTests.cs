using System;
using System.Collections.Generic;
using System.Linq;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>
    /// Issue #12 item 7: a server that executes a renewal and then closes the connection gracefully (FIN, no answer) must
    /// see each signed request exactly once. .NET's HTTP stack resends such a request on its own when it has no body
    /// (dotnet/runtime issue 86714); with TC3 that byte-identical copy would renew a second time.
    /// </summary>
    public sealed class ConnectionCloseTests : EmulatorTest
    {
        protected override Scenario CreateScenario() => Clouds.Scenario(
            Paths().SelectMany(p => new[] { (string)p[1], (string)p[2] }).Select(id => id.StartsWith("ins-", StringComparison.Ordinal) ? Clouds.Cvm(id)
                : id.StartsWith("cmgo-", StringComparison.Ordinal) ? Clouds.Mongo(id)
                : Clouds.Ecs(id))
            .Append(Clouds.Cvm("ins-clos0007")).Append(Clouds.Ecs("i-bpclose000000000005")));

        /// <summary>The six API paths: command, a warm-up instance (pools a connection), the instance whose answer is lost, its expected status.</summary>
        public static IEnumerable<object[]> Paths() => new[]
        {
            new object[] { "Invoke-CvmRenewal -Credential $tc -Region ap-guangzhou", "ins-clos0001", "ins-clos0002", RenewalStatus.Unknown },
            new object[] { "Invoke-CvmRenewal -Api LegacyRenewInstances -Credential $tc -Region ap-guangzhou", "ins-clos0003", "ins-clos0004", RenewalStatus.Unknown },
            new object[] { "Invoke-CvmRenewal -Api LegacyRenewInstance -Credential $tc -Region ap-guangzhou", "ins-clos0005", "ins-clos0006", RenewalStatus.Unknown },
            new object[] { "Invoke-MongoDbRenewal -Credential $tc -Region ap-guangzhou", "cmgo-clos0001", "cmgo-clos0002", RenewalStatus.Unknown },
            new object[] { "Invoke-MongoDbRenewal -Api LegacyRenewMongoDB -Credential $tc -Region ap-guangzhou", "cmgo-clos0003", "cmgo-clos0004", RenewalStatus.Unknown },
            new object[] { "Invoke-EcsRenewal -SignatureVersion ACS3 -Credential $ali -Region cn-hangzhou", "i-bpclose000000000001", "i-bpclose000000000002", RenewalStatus.Renewed },
            new object[] { "Invoke-EcsRenewal -SignatureVersion 1.0 -Credential $ali -Region cn-hangzhou", "i-bpclose000000000003", "i-bpclose000000000004", RenewalStatus.Renewed },
        };

        [Theory]
        [MemberData(nameof(Paths))]
        public void A_graceful_close_after_execution_never_makes_the_HTTP_stack_resend(string command, string warmUpId, string lostAnswerId, RenewalStatus expected)
        {
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.CloseAfterExecution, InstanceId = lostAnswerId });

            // Two runs in one process: the second request rides the connection the first one left in the pool.
            var r = Run("'" + warmUpId + "' | " + command + " -Period 1 -Endpoint $endpoint -Force; '" + lostAnswerId + "' | " + command + " -Period 1 -Endpoint $endpoint -Force");

            Assert.Null(r.Terminating);
            var requests = Emulator.Requests;
            var copies = requests.GroupBy(q => string.Join("\n", q.Method, q.Query, q.Body, q.Headers.TryGetValue("Authorization", out var a) ? a : ""))
                .Where(g => g.Count() > 1).ToList();
            Assert.True(copies.Count == 0, "A signed request reached the server twice: " + string.Join(", ", copies.Select(g => g.First().Action + " x" + g.Count())));
            Assert.True(requests.Any(q => q.Outcome == "CloseAfterExecution"), string.Join(", ", requests.Select(q => q.Action + "=" + q.Outcome)) + " " + string.Join(" | ", r.Results.Select(x => x.InstanceId + " " + x.Status + " " + x.Message)));
            Assert.All(requests, q => Assert.NotEqual("SignatureNonceUsed", q.Outcome));

            var lost = Assert.Single(r.Results, x => x.InstanceId == lostAnswerId);
            Assert.Equal(expected, lost.Status);
            Assert.Equal(1, Emulator.RenewalCount(lostAnswerId));
            Assert.Equal(1, Emulator.RenewalCount(warmUpId));
            if (expected == RenewalStatus.Unknown)
            {
                Assert.Equal("Transport.ConnectionDropped", lost.ErrorCode);
                Assert.Equal(1, lost.Attempts);
            }
            else
            {
                // ECS resends on purpose, freshly signed, with the same ClientToken: the cloud answers with the first order.
                Assert.Equal(2, lost.Attempts);
                Assert.Equal(2, requests.Count(q => q.InstanceIds.Contains(lostAnswerId)));
            }
        }

        /// <summary>A replay refusal proves the cloud saw this exact request before: never "nothing executed".</summary>
        [Fact]
        public void A_replay_refusal_on_Tencent_is_Unknown_and_not_resent()
        {
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.ErrorCode, Code = "AuthFailure.SignatureExpire", InstanceId = "ins-clos0007" });
            var r = Run("'ins-clos0007' | Invoke-CvmRenewal -Api LegacyRenewInstance -Credential $tc -Region ap-guangzhou -Period 1 -Endpoint $endpoint -Force");

            var result = Assert.Single(r.Results);
            Assert.True(result.Status == RenewalStatus.Unknown, string.Join(", ", Emulator.Requests.Select(q => q.Action + "=" + q.Outcome + " " + q.Body)) + " " + result.Message);
            Assert.Equal("MayHaveExecuted", result.ErrorClass);
            Assert.Equal(1, result.Attempts);
            Assert.Single(Emulator.Requests);
        }

        [Fact]
        public void A_replay_refusal_on_ECS_is_settled_by_a_resend_with_the_same_ClientToken()
        {
            Emulator.Enqueue(new FaultRule { Kind = FaultKind.ErrorCode, Code = "SignatureNonceUsed", InstanceId = "i-bpclose000000000005" });
            var r = Run("'i-bpclose000000000005' | Invoke-EcsRenewal -Credential $ali -Region cn-hangzhou -Period 1 -Endpoint $endpoint -Force");

            var result = Assert.Single(r.Results);
            Assert.Equal(RenewalStatus.Renewed, result.Status);
            Assert.Equal(2, result.Attempts);
            var tokens = Emulator.Requests.Select(q => q.Parameter("ClientToken")).Distinct();
            Assert.Single(tokens);
            Assert.Equal(1, Emulator.RenewalCount("i-bpclose000000000005"));
        }
    }
}
