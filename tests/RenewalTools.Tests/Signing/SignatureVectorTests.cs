using System.Collections.Generic;
using System.Linq;
using System.Text;
using RenewalTools.Signing;
using Xunit;

namespace RenewalTools.Tests.Signing
{
    /// <summary>The official vectors of cloud-apis.md §1.4, §4.3, §5.2 and §5.3, against the module's signers.</summary>
    public class SignatureVectorTests
    {
        private const string Tc3Body = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";

        [Fact]
        public void Tc3_vector_A_signs_content_type_and_host()
        {
            var body = Encoding.UTF8.GetBytes(Tc3Body);
            // cloud-apis.md says 84 bytes; the body that hashes to the official value is 86 bytes.
            Assert.Equal(86, body.Length);
            Assert.Equal("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", Crypto.Sha256Hex(body));

            var signature = Tc3Signer.Sign("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm", "cvm.tencentcloudapi.com", "application/json; charset=utf-8", body, 1551113065);

            Assert.Equal("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", Crypto.Sha256Hex(signature.CanonicalRequest));
            Assert.Equal(
                "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
                signature.Authorization);
        }

        [Fact]
        public void Tc3_signing_key_chain_matches_vectors_A_and_B()
        {
            Assert.Equal("ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1", Crypto.Hex(Tc3Signer.SigningKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "cvm")));
            Assert.Equal("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af", Crypto.Hex(Tc3Signer.SigningKey(new string('*', 32), "2019-02-25", "cvm")));
        }

        [Fact]
        public void Tc3_vector_B_with_x_tc_action_reproduces_from_the_same_primitives()
        {
            // Vector B signs x-tc-action too; the module signs content-type;host, so B checks the shared primitives.
            var canonical = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n"
                + Crypto.Sha256Hex(Encoding.UTF8.GetBytes(Tc3Body));
            Assert.Equal("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84", Crypto.Sha256Hex(canonical));
            var stringToSign = "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n" + Crypto.Sha256Hex(canonical);
            var key = Tc3Signer.SigningKey(new string('*', 32), "2019-02-25", "cvm");
            Assert.Equal("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f", Crypto.Hex(Crypto.HmacSha256(key, stringToSign)));
        }

        [Theory]
        [InlineData("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=345122&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1408704141", "HmacSHA1", "HgIYOPcx5lN6gz8JsCFBNAWp2oQ=")]
        [InlineData("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768", "HmacSHA256", "0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=")]
        [InlineData("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA1&Timestamp=1465185768", "HmacSHA1", "nPVnY6njQmwQ8ciqbPl5Qe+Oru4=")]
        [InlineData("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12", "HmacSHA1", "EliP9YW3pW28FpsEdkXt/+WcGeI=")]
        public void V1_vectors(string key, string stringToSign, string method, string expected)
        {
            Assert.Equal(expected, TencentV1Signer.Sign(key, stringToSign, method));
        }

        [Fact]
        public void V1_string_to_sign_sorts_raw_parameters_ordinally()
        {
            var parameters = new Dictionary<string, string>
            {
                ["Timestamp"] = "1465185768",
                ["SignatureMethod"] = "HmacSHA256",
                ["SecretId"] = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
                ["Region"] = "ap-guangzhou",
                ["Nonce"] = "11886",
                ["InstanceIds.0"] = "ins-09dx96dg",
                ["Action"] = "DescribeInstances",
                ["Signature"] = "ignored",
            };
            var s = TencentV1Signer.StringToSign("GET", "cvm.api.qcloud.com", "/v2/index.php", parameters);
            Assert.Equal("GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768", s);
            Assert.Equal("0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=", TencentV1Signer.Sign("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", s, "HmacSHA256"));

            var order = TencentV1Signer.StringToSign("GET", "h", "/", new Dictionary<string, string> { ["InstanceIds.2"] = "b", ["InstanceIds.12"] = "a" });
            Assert.Equal("GETh/?InstanceIds.12=a&InstanceIds.2=b", order);
        }

        [Fact]
        public void Alibaba_rpc_vector()
        {
            var parameters = new Dictionary<string, string>
            {
                ["AccessKeyId"] = "testid",
                ["Action"] = "DescribeRegions",
                ["Format"] = "XML",
                ["SignatureMethod"] = "HMAC-SHA1",
                ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                ["SignatureVersion"] = "1.0",
                ["Timestamp"] = "2016-02-23T12:46:24Z",
                ["Version"] = "2014-05-26",
            };
            var stringToSign = AlibabaRpcSigner.StringToSign("GET", parameters);
            Assert.Equal("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26", stringToSign);
            var signature = AlibabaRpcSigner.Sign("testsecret", stringToSign);
            Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", signature);
            Assert.Equal("OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D", PercentEncoding.Encode(signature));
        }

        [Fact]
        public void Alibaba_acs3_vector()
        {
            var query = new Dictionary<string, string> { ["RegionId"] = "cn-shanghai", ["ImageId"] = "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd" };
            var headers = new Dictionary<string, string>
            {
                ["host"] = "ecs.cn-shanghai.aliyuncs.com",
                ["x-acs-action"] = "RunInstances",
                ["x-acs-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                ["x-acs-date"] = "2023-10-26T10:22:32Z",
                ["x-acs-signature-nonce"] = "3156853299f313e23d1673dc12e1703d",
                ["x-acs-version"] = "2014-05-26",
            };
            var canonical = Acs3Signer.CanonicalRequest("POST", query, headers, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", out var signed);
            Assert.Equal("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", Crypto.Sha256Hex(canonical));
            Assert.Equal(
                "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
                Acs3Signer.Authorization("YourAccessKeyId", "YourAccessKeySecret", canonical, signed));
        }

        [Theory]
        [InlineData("a b", "a%20b")]
        [InlineData("a*b~c", "a%2Ab~c")]
        [InlineData("ü", "%C3%BC")]
        public void Percent_encoding_follows_rfc3986(string value, string expected) => Assert.Equal(expected, PercentEncoding.Encode(value));
    }
}
