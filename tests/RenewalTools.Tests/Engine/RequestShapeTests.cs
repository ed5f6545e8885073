using System;
using System.Linq;
using RenewalTools.Clients;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using Xunit;

namespace RenewalTools.Tests.Engine
{
    /// <summary>What each client puts on the wire by default (no endpoint override), without sending anything.</summary>
    public class RequestShapeTests
    {
        private static readonly SigningContext NoOverride = new SigningContext(new CloudCredential("AKIDexample000000000000000000001", "secret", null, "test"), new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), null);

        private static RenewalRequest Request(string id, string region) => new RenewalRequest(id, region) { Period = 1 };

        [Theory]
        [InlineData("cn-hangzhou", "ecs-cn-hangzhou.aliyuncs.com")]
        [InlineData("cn-shanghai", "ecs.cn-shanghai.aliyuncs.com")]
        [InlineData("ap-southeast-1", "ecs.ap-southeast-1.aliyuncs.com")]
        [InlineData("cn-north-2-gov-1", "ecs.aliyuncs.com")]
        [InlineData("cn-shanghai-finance-1", "ecs-cn-hangzhou.aliyuncs.com")]
        public void Ecs_uses_the_regional_endpoint_with_the_sdk_exceptions(string region, string host)
        {
            using var message = new EcsRenewInstance(AlibabaSignature.Acs3, "key", 20).BuildRequest(new[] { Request("i-bp1234567890abcdefgh", region) }, NoOverride);
            Assert.Equal("https://" + host + "/", message.RequestUri!.GetLeftPart(UriPartial.Path));
            Assert.DoesNotContain("RegionId", message.RequestUri.Query, StringComparison.Ordinal);
        }

        [Fact]
        public void Tencent_defaults_are_the_documented_hosts_over_https()
        {
            using var cvm = new TencentApi3Renewal(TencentProduct.Cvm).BuildRequest(new[] { Request("ins-r8hr2upy", "ap-guangzhou") }, NoOverride);
            using var mongo = new TencentApi3Renewal(TencentProduct.MongoDb).BuildRequest(new[] { Request("cmgo-6ozqe0uh", "ap-guangzhou") }, NoOverride);
            using var gateway = new TencentGatewayRenewInstances("HmacSHA256").BuildRequest(new[] { Request("ins-r8hr2upy", "ap-guangzhou") }, NoOverride);
            using var legacyMongo = TencentLegacySingleRenewal.RenewMongoDb("HmacSHA256").BuildRequest(new[] { Request("cmgo-6ozqe0uh", "ap-guangzhou") }, NoOverride);
            Assert.Equal("https://cvm.tencentcloudapi.com/", cvm.RequestUri!.ToString());
            Assert.Equal("https://mongodb.tencentcloudapi.com/", mongo.RequestUri!.ToString());
            Assert.Equal("https://cvm.api.qcloud.com/v2/index.php", gateway.RequestUri!.ToString());
            Assert.Equal("https://mongodb.api.qcloud.com/v2/index.php", legacyMongo.RequestUri!.ToString());
            Assert.Contains("Credential=AKIDexample000000000000000000001/2026-11-23/mongodb/tc3_request", mongo.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        }

        [Fact]
        public void An_endpoint_override_never_changes_the_signed_service()
        {
            var overridden = new SigningContext(NoOverride.Credential, NoOverride.Now, new Uri("http://127.0.0.1:18321/some/path"));
            using var message = new TencentApi3Renewal(TencentProduct.Cvm).BuildRequest(new[] { Request("ins-r8hr2upy", "ap-guangzhou") }, overridden);
            Assert.Equal("http://127.0.0.1:18321/", message.RequestUri!.ToString());
            Assert.Contains("/cvm/tc3_request", message.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        }

        [Fact]
        public void Ecs_client_token_is_short_ascii_deterministic_and_specific_to_the_renewal()
        {
            var api = new EcsRenewInstance(AlibabaSignature.Acs3, "2026-11-23", 20);
            var a = api.ClientTokenFor(Request("i-bp1234567890abcdefgh", "cn-hangzhou"));
            Assert.Equal(a, api.ClientTokenFor(Request("i-bp1234567890abcdefgh", "cn-hangzhou")));
            Assert.NotEqual(a, api.ClientTokenFor(new RenewalRequest("i-bp1234567890abcdefgh", "cn-hangzhou") { Period = 2 }));
            Assert.NotEqual(a, new EcsRenewInstance(AlibabaSignature.Acs3, "2026-11-24", 20).ClientTokenFor(Request("i-bp1234567890abcdefgh", "cn-hangzhou")));
            Assert.InRange(a.Length, 1, 64);
            Assert.All(a, c => Assert.InRange(c, (char)0x21, (char)0x7E));
        }
    }
}
