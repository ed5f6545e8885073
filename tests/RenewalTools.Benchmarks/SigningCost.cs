using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using RenewalTools.Clients;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;

namespace RenewalTools.Benchmarks
{
    /// <summary>
    /// Building and signing one request, in-process through the engine's own clients (a plain Stopwatch loop: the
    /// question is only whether signing is a visible share of the client CPU per instance).
    /// </summary>
    internal static class SigningCost
    {
        public sealed record Figure(string Request, int Instances, double MicrosecondsPerRequest)
        {
            public double MicrosecondsPerInstance => MicrosecondsPerRequest / Instances;
        }

        public static IReadOnlyList<Figure> Measure()
        {
            var endpoint = new Uri("http://127.0.0.1:8080/");
            var tencent = new SigningContext(new CloudCredential(Accounts.TencentId, Accounts.TencentKey, null, "benchmark"), DateTimeOffset.UtcNow, endpoint);
            var alibaba = new SigningContext(new CloudCredential(Accounts.AlibabaId, Accounts.AlibabaSecret, null, "benchmark"), DateTimeOffset.UtcNow, endpoint);

            var cvm = new TencentApi3Renewal(TencentProduct.Cvm);
            var cvmBatch = Enumerable.Range(0, cvm.MaxBatchSize)
                .Select(i => new RenewalRequest("ins-g" + i.ToString("D7", CultureInfo.InvariantCulture), "ap-guangzhou") { Period = 1 })
                .ToList();
            var ecs = new EcsRenewInstance(AlibabaSignature.Acs3, "benchmark", 20);
            var ecsOne = new RenewalRequest("i-bpg00000000000000001", "cn-hangzhou") { Period = 1 };
            ecs.Prepare(ecsOne);
            var ecsBatch = new List<RenewalRequest> { ecsOne };

            return new[]
            {
                new Figure("CVM RenewInstances (TC3-HMAC-SHA256, JSON body)", cvmBatch.Count, Time(() => cvm.BuildRequest(cvmBatch, tencent).Dispose(), 2_000)),
                new Figure("ECS RenewInstance (ACS3-HMAC-SHA256)", 1, Time(() => ecs.BuildRequest(ecsBatch, alibaba).Dispose(), 20_000)),
            };
        }

        private static double Time(Action build, int iterations)
        {
            for (var i = 0; i < iterations / 10; i++)
            {
                build();
            }
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                build();
            }
            return clock.Elapsed.TotalMilliseconds * 1000 / iterations;
        }
    }
}
