using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CloudEmulator.Verification;
using Xunit;

namespace CloudEmulator.Tests;

/// <summary>Every official vector in cloud-apis.md §1.4, §4.3, §5.2 and §5.3.</summary>
public class VerifierVectorTests
{
    private const string Tc3Body = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
    private const long Tc3Timestamp = 1551113065;

    private static Func<string, string?> Headers(params (string, string)[] h) =>
        name => h.FirstOrDefault(p => p.Item1.Equals(name, StringComparison.OrdinalIgnoreCase)).Item2;

    [Fact]
    public void Tc3_body_hash_is_the_documented_one()
    {
        // cloud-apis.md §1.4 says "84 bytes", but the documented hash is of these 86 bytes (its count is off by two).
        Assert.Equal(86, Encoding.UTF8.GetByteCount(Tc3Body));
        Assert.Equal("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", Crypto.Sha256Hex(Tc3Body));
    }

    [Fact]
    public void Tc3_vector_A_content_type_and_host()
    {
        var headers = Headers(("content-type", "application/json; charset=utf-8"), ("host", "cvm.tencentcloudapi.com"));
        var canonical = Tc3Verifier.CanonicalRequest("POST", "", Tc3Verifier.CanonicalHeaders(["content-type", "host"], headers),
            "content-type;host", Crypto.Sha256Hex(Tc3Body));
        Assert.Equal("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", Crypto.Sha256Hex(canonical));
        Assert.Equal("2019-02-25", Tc3Verifier.UtcDate(Tc3Timestamp));
        var key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
        var kDate = Crypto.HmacSha256(Crypto.Utf8("TC3" + key), "2019-02-25");
        Assert.Equal("d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a", Convert.ToHexStringLower(kDate));
        Assert.Equal("3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050", Convert.ToHexStringLower(Crypto.HmacSha256(kDate, "cvm")));
        Assert.Equal("ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1", Convert.ToHexStringLower(Tc3Verifier.SigningKey(key, "2019-02-25", "cvm")));
        var sts = Tc3Verifier.StringToSign(Tc3Timestamp, "2019-02-25", "cvm", canonical);
        Assert.Equal("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", Tc3Verifier.Signature(key, "2019-02-25", "cvm", sts));
    }

    [Fact]
    public void Tc3_vector_A_verifies_end_to_end_and_rejects_tampering()
    {
        const string auth = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";
        var headers = Headers(("content-type", "application/json; charset=utf-8"), ("host", "cvm.tencentcloudapi.com"),
            ("authorization", auth), ("x-tc-timestamp", "1551113065"), ("x-tc-action", "DescribeInstances"));
        Func<string, string?> secrets = id => id == "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE" ? "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE" : null;
        var at = DateTimeOffset.FromUnixTimeSeconds(Tc3Timestamp + 100);
        var ok = Tc3Verifier.Verify("POST", "", headers, Encoding.UTF8.GetBytes(Tc3Body), secrets, at, ["cvm"]);
        Assert.True(ok.Ok, ok.Message);
        Assert.Equal("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", ok.KeyId);

        var tampered = Tc3Verifier.Verify("POST", "", headers, Encoding.UTF8.GetBytes(Tc3Body.Replace("1", "2", StringComparison.Ordinal)), secrets, at, ["cvm"]);
        Assert.Equal("AuthFailure.SignatureFailure", tampered.ErrorCode);
        var late = Tc3Verifier.Verify("POST", "", headers, Encoding.UTF8.GetBytes(Tc3Body), secrets, at.AddSeconds(301), ["cvm"]);
        Assert.Equal("AuthFailure.SignatureExpire", late.ErrorCode);
        var unknown = Tc3Verifier.Verify("POST", "", headers, Encoding.UTF8.GetBytes(Tc3Body), _ => null, at, ["cvm"]);
        Assert.Equal("AuthFailure.SecretIdNotFound", unknown.ErrorCode);
        var malformed = Tc3Verifier.Verify("POST", "", Headers(("authorization", auth.Replace(", ", ",", StringComparison.Ordinal))), [], secrets, at, ["cvm"]);
        Assert.Equal("AuthFailure.InvalidAuthorization", malformed.ErrorCode);
    }

    [Fact]
    public void Tc3_vector_B_signs_x_tc_action_lower_cased()
    {
        var headers = Headers(("content-type", "application/json; charset=utf-8"), ("host", "cvm.tencentcloudapi.com"), ("x-tc-action", "DescribeInstances"));
        var canonicalHeaders = Tc3Verifier.CanonicalHeaders(["content-type", "host", "x-tc-action"], headers);
        Assert.Equal("content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n", canonicalHeaders);
        var canonical = Tc3Verifier.CanonicalRequest("POST", "", canonicalHeaders, "content-type;host;x-tc-action", Crypto.Sha256Hex(Tc3Body));
        Assert.Equal("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84", Crypto.Sha256Hex(canonical));
        var key = new string('*', 32);
        var kDate = Crypto.HmacSha256(Crypto.Utf8("TC3" + key), "2019-02-25");
        Assert.Equal("da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0", Convert.ToHexStringLower(kDate));
        Assert.Equal("8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f", Convert.ToHexStringLower(Crypto.HmacSha256(kDate, "cvm")));
        Assert.Equal("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af", Convert.ToHexStringLower(Tc3Verifier.SigningKey(key, "2019-02-25", "cvm")));
        var sts = Tc3Verifier.StringToSign(Tc3Timestamp, "2019-02-25", "cvm", canonical);
        Assert.Equal("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f", Tc3Verifier.Signature(key, "2019-02-25", "cvm", sts));
    }

    [Theory]
    [InlineData("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=345122&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1408704141", null, "HgIYOPcx5lN6gz8JsCFBNAWp2oQ=")]
    [InlineData("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768", "HmacSHA256", "0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=")]
    [InlineData("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA1&Timestamp=1465185768", "HmacSHA1", "nPVnY6njQmwQ8ciqbPl5Qe+Oru4=")]
    [InlineData("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12", null, "EliP9YW3pW28FpsEdkXt/+WcGeI=")]
    public void TencentV1_vectors(string key, string stringToSign, string? method, string expected)
    {
        Assert.Equal(expected, TencentV1Verifier.Sign(key, stringToSign, method));

        // Rebuild the string from its parameters and verify as the gateway would (host and path from the vector).
        var q = stringToSign.IndexOf('?', StringComparison.Ordinal);
        var prefix = stringToSign[..q];
        var path = prefix.Contains("/v2/index.php", StringComparison.Ordinal) ? "/v2/index.php" : "/";
        var host = prefix[3..^path.Length];
        var parameters = stringToSign[(q + 1)..].Split('&').Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.Equal(stringToSign, TencentV1Verifier.StringToSign("GET", host, path, parameters));
        parameters["Signature"] = expected;
        var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parameters["Timestamp"], System.Globalization.CultureInfo.InvariantCulture));
        var result = TencentV1Verifier.Verify("GET", host, path, parameters, _ => key, at);
        Assert.True(result.Ok, result.Message);
        parameters["Nonce"] = "1";
        Assert.Equal("AuthFailure.SignatureFailure", TencentV1Verifier.Verify("GET", host, path, parameters, _ => key, at).ErrorCode);
    }

    [Fact]
    public void AliyunRpc_official_vector()
    {
        var parameters = new Dictionary<string, string>
        {
            ["AccessKeyId"] = "testid", ["Action"] = "DescribeRegions", ["Format"] = "XML", ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", ["SignatureVersion"] = "1.0",
            ["Timestamp"] = "2016-02-23T12:46:24Z", ["Version"] = "2014-05-26",
        };
        var sts = AliyunRpcVerifier.StringToSign("GET", parameters);
        Assert.Equal("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26", sts);
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", AliyunRpcVerifier.Sign("testsecret", sts));

        parameters["Signature"] = "OLeaidS1JvxuMvnyHOwuJ+uX5qY=";
        var at = new DateTimeOffset(2016, 2, 23, 12, 50, 0, TimeSpan.Zero);
        Assert.True(AliyunRpcVerifier.Verify("GET", parameters, _ => "testsecret", at).Ok);
        Assert.Equal("InvalidAccessKeyId.NotFound", AliyunRpcVerifier.Verify("GET", parameters, _ => null, at).ErrorCode);
        Assert.Equal("InvalidTimeStamp.Expired", AliyunRpcVerifier.Verify("GET", parameters, _ => "testsecret", at.AddMinutes(20)).ErrorCode);
        var wrong = AliyunRpcVerifier.Verify("GET", parameters, _ => "other", at);
        Assert.Equal("SignatureDoesNotMatch", wrong.ErrorCode);
        Assert.EndsWith("server string to sign is:" + sts, wrong.Message, StringComparison.Ordinal);
        parameters["Timestamp"] = "2016/02/23 12:46:24";
        Assert.Equal("InvalidTimeStamp.Format", AliyunRpcVerifier.Verify("GET", parameters, _ => "testsecret", at).ErrorCode);
    }

    [Fact]
    public void AliyunRpc_percent_encoding_rules()
    {
        Assert.Equal("a%20b%2A~%2F%E4%B8%AD", AliyunRpcVerifier.PercentEncode("a b*~/中"));
    }

    [Fact]
    public void Acs3_official_vector()
    {
        var query = new Dictionary<string, string> { ["ImageId"] = "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", ["RegionId"] = "cn-shanghai" };
        var headers = new Dictionary<string, string>
        {
            ["host"] = "ecs.cn-shanghai.aliyuncs.com", ["x-acs-action"] = "RunInstances",
            ["x-acs-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ["x-acs-date"] = "2023-10-26T10:22:32Z", ["x-acs-signature-nonce"] = "3156853299f313e23d1673dc12e1703d", ["x-acs-version"] = "2014-05-26",
        };
        var signed = string.Join(';', headers.Keys.Order(StringComparer.Ordinal));
        var canonical = Acs3Verifier.CanonicalRequest("POST", Acs3Verifier.CanonicalQuery(query),
            Acs3Verifier.CanonicalHeaders(headers.Keys, n => headers.GetValueOrDefault(n)), signed, Crypto.Sha256Hex(Array.Empty<byte>()));
        Assert.Equal("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", Crypto.Sha256Hex(canonical));
        var sig = Acs3Verifier.Sign("YourAccessKeySecret", Acs3Verifier.StringToSign(canonical));
        Assert.Equal("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", sig);

        headers["authorization"] = "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
        var at = new DateTimeOffset(2023, 10, 26, 10, 30, 0, TimeSpan.Zero);
        Func<string, string?> secrets = id => id == "YourAccessKeyId" ? "YourAccessKeySecret" : null;
        var names = headers.Keys.Where(k => k != "authorization").ToList();
        var ok = Acs3Verifier.Verify("POST", query, n => headers.GetValueOrDefault(n), names, [], secrets, at);
        Assert.True(ok.Ok, ok.Message);
        Assert.Equal("InvalidTimeStamp.Expired", Acs3Verifier.Verify("POST", query, n => headers.GetValueOrDefault(n), names, [], secrets, at.AddMinutes(20)).ErrorCode);
        Assert.Equal("SignatureDoesNotMatch", Acs3Verifier.Verify("POST", query, n => headers.GetValueOrDefault(n), names, [1], secrets, at).ErrorCode);
        Assert.Equal("InvalidAccessKeyId.NotFound", Acs3Verifier.Verify("POST", query, n => headers.GetValueOrDefault(n), names, [], _ => null, at).ErrorCode);
        query["RegionId"] = "cn-hangzhou";
        Assert.Equal("SignatureDoesNotMatch", Acs3Verifier.Verify("POST", query, n => headers.GetValueOrDefault(n), names, [], secrets, at).ErrorCode);
    }
}
