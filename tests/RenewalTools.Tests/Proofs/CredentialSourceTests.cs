using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using CloudEmulator;
using RenewalTools.Credentials;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>Issue #5 item 4: where credentials come from, in which order, and that only the place is ever shown.</summary>
    public sealed class CredentialSourceTests : IDisposable
    {
        private const string EnvId = "AKIDfromEnvironment000000000001";
        private const string EnvKey = "envSecretKeyValue00000000000001";
        private const string TccliId = "AKIDfromTccliProfile00000000001";
        private const string TccliKey = "tccliSecretKeyValue000000000001";
        private const string IniId = "AKIDfromSdkIniFile0000000000001";
        private const string IniKey = "iniSecretKeyValue00000000000001";

        private readonly FakeEnvironment _env;

        public CredentialSourceTests()
        {
            _env = new FakeEnvironment(Directory.CreateTempSubdirectory("renewaltools-home-").FullName);
        }

        public void Dispose() => Directory.Delete(_env.HomeDirectory, recursive: true);

        private CloudCredential? Resolve(CloudProvider provider, string? profile = null) =>
            new CredentialResolver(_env).Resolve(provider, profile, out _);

        private void TencentEnvironment()
        {
            _env["TENCENTCLOUD_SECRET_ID"] = EnvId;
            _env["TENCENTCLOUD_SECRET_KEY"] = EnvKey;
        }

        private string TccliProfile(string profile, string id, string key, string? token = null) =>
            Write(Path.Combine(".tccli", profile + ".credential"), "{\"secretId\":\"" + id + "\",\"secretKey\":\"" + key + "\"" + (token is null ? "" : ",\"token\":\"" + token + "\"") + "}");

        private string SdkIni(string text) => Write(Path.Combine(".tencentcloud", "credentials"), text);

        private string AliyunConfig(string json) => Write(Path.Combine(".aliyun", "config.json"), json);

        private string Write(string relative, string text)
        {
            var path = Path.Combine(_env.HomeDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        private static void AssertSafe(CloudCredential credential)
        {
            Assert.DoesNotContain(credential.Secret, credential.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(credential.Secret, credential.Source, StringComparison.Ordinal);
            if (credential.Token != null)
            {
                Assert.DoesNotContain(credential.Token, credential.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(credential.Token, credential.Source, StringComparison.Ordinal);
            }
            Assert.DoesNotContain(credential.Id, credential.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Tencent_environment_wins_over_the_tccli_profile_and_the_sdk_file()
        {
            TencentEnvironment();
            TccliProfile("default", TccliId, TccliKey);
            SdkIni("[default]\nsecret_id = " + IniId + "\nsecret_key = " + IniKey + "\n");

            var found = Resolve(CloudProvider.Tencent)!;

            Assert.Equal(EnvId, found.Id);
            Assert.Equal(EnvKey, found.Secret);
            Assert.Null(found.Token);
            Assert.Contains("TENCENTCLOUD_SECRET_ID", found.Source, StringComparison.Ordinal);
            AssertSafe(found);
        }

        [Fact]
        public void Half_set_environment_is_ignored_and_the_tccli_profile_is_used()
        {
            _env["TENCENTCLOUD_SECRET_ID"] = EnvId;
            var file = TccliProfile("default", TccliId, TccliKey);

            var found = Resolve(CloudProvider.Tencent)!;

            Assert.Equal(TccliId, found.Id);
            Assert.Contains("tccli", found.Source, StringComparison.Ordinal);
            Assert.Contains(file, found.Source, StringComparison.Ordinal);
            AssertSafe(found);
        }

        [Fact]
        public void Tccli_profile_comes_from_TCCLI_PROFILE_and_carries_its_token()
        {
            TccliProfile("default", "AKIDdefaultProfile0000000000001", "defaultProfileSecret00000000001");
            TccliProfile("work", TccliId, TccliKey, "tccliSessionToken0000000000000000001");
            _env["TCCLI_PROFILE"] = "work";

            var found = Resolve(CloudProvider.Tencent)!;

            Assert.Equal(TccliId, found.Id);
            Assert.Equal(TccliKey, found.Secret);
            Assert.Equal("tccliSessionToken0000000000000000001", found.Token);
            Assert.Contains("'work'", found.Source, StringComparison.Ordinal);
            AssertSafe(found);
        }

        [Fact]
        public void The_sdk_ini_file_is_the_last_tencent_source()
        {
            var file = SdkIni("# comment\n[other]\nsecret_id = AKIDother\nsecret_key = otherSecret\n\n[default]\nsecret_id = " + IniId + "\nsecret_key = " + IniKey + "\ntoken = iniSessionToken000000000000001\n");

            var found = Resolve(CloudProvider.Tencent)!;

            Assert.Equal(IniId, found.Id);
            Assert.Equal(IniKey, found.Secret);
            Assert.Equal("iniSessionToken000000000000001", found.Token);
            Assert.Contains(file, found.Source, StringComparison.Ordinal);
            Assert.Contains("[default]", found.Source, StringComparison.Ordinal);
            AssertSafe(found);
        }

        [Theory]
        [InlineData("TENCENTCLOUD_SESSION_TOKEN")]
        [InlineData("TENCENTCLOUD_TOKEN")]
        [InlineData("TENCENTCLOUD_SECURITY_TOKEN")]
        public void Each_tencent_token_variable_is_read_and_named(string variable)
        {
            TencentEnvironment();
            _env[variable] = "stsToken-" + variable;

            var found = Resolve(CloudProvider.Tencent)!;

            Assert.Equal("stsToken-" + variable, found.Token);
            Assert.EndsWith("with " + variable, found.Source, StringComparison.Ordinal);
            AssertSafe(found);
        }

        [Fact]
        public void ProfileName_skips_tencent_environment_variables()
        {
            TencentEnvironment();
            TccliProfile("work", TccliId, TccliKey);
            SdkIni("[ci]\nsecret_id = " + IniId + "\nsecret_key = " + IniKey + "\n");

            Assert.Equal(TccliId, Resolve(CloudProvider.Tencent, "work")!.Id);
            var fromIni = Resolve(CloudProvider.Tencent, "ci")!;
            Assert.Equal(IniId, fromIni.Id);
            Assert.Contains("[ci]", fromIni.Source, StringComparison.Ordinal);
            Assert.Null(Resolve(CloudProvider.Tencent, "missing"));
        }

        [Fact]
        public void Nothing_found_lists_every_place_looked_at()
        {
            var found = new CredentialResolver(_env).Resolve(CloudProvider.Tencent, null, out var searched);

            Assert.Null(found);
            Assert.Contains(searched, s => s.Contains("TENCENTCLOUD_SECRET_ID", StringComparison.Ordinal));
            Assert.Contains(searched, s => s.Contains(Path.Combine(".tccli", "default.credential"), StringComparison.Ordinal));
            Assert.Contains(searched, s => s.Contains(Path.Combine(".tencentcloud", "credentials"), StringComparison.Ordinal));
        }

        [Fact]
        public void A_cvm_role_tccli_profile_is_a_clear_error()
        {
            Write(Path.Combine(".tccli", "default.credential"), "{\"type\":\"cvm-role\",\"role-arn\":\"qcs::cam::uin/1:roleName/x\"}");

            var error = Assert.Throws<CredentialException>(() => Resolve(CloudProvider.Tencent));
            Assert.Contains("CVM role", error.Message, StringComparison.Ordinal);
        }

        public static IEnumerable<object[]> AlibabaSets() => new[]
        {
            new object[] { 0, "ALIBABA_CLOUD_" },
            new object[] { 1, "ALIBABACLOUD_" },
            new object[] { 2, "ALICLOUD_" },
            new object[] { 3, "" },
        };

        [Theory]
        [MemberData(nameof(AlibabaSets))]
        public void Alibaba_variable_sets_are_tried_in_order_before_the_config_file(int rank, string prefix)
        {
            var prefixes = new[] { "ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_", "" };
            // Only this set and the ones after it exist: the first present must win.
            foreach (var p in prefixes.Skip(rank))
            {
                _env[p + "ACCESS_KEY_ID"] = "LTAI" + p + "id";
                _env[p + "ACCESS_KEY_SECRET"] = "secret-of-" + p;
                _env[p + "SECURITY_TOKEN"] = "token-of-" + p;
            }
            AliyunConfig("{\"current\":\"default\",\"profiles\":[{\"name\":\"default\",\"mode\":\"AK\",\"access_key_id\":\"LTAIconfig\",\"access_key_secret\":\"configSecret\"}]}");

            var found = Resolve(CloudProvider.Alibaba)!;

            Assert.Equal("LTAI" + prefix + "id", found.Id);
            Assert.Equal("secret-of-" + prefix, found.Secret);
            Assert.Equal("token-of-" + prefix, found.Token);
            Assert.Contains(prefix + "ACCESS_KEY_ID", found.Source, StringComparison.Ordinal);
            Assert.Contains(prefix + "SECURITY_TOKEN", found.Source, StringComparison.Ordinal);
            AssertSafe(found);
        }

        private const string AliyunProfiles = "{\"current\":\"sts\",\"profiles\":["
            + "{\"name\":\"default\",\"mode\":\"AK\",\"access_key_id\":\"LTAIakProfile0001\",\"access_key_secret\":\"akProfileSecret0001\",\"sts_token\":\"ignoredInAkMode\"},"
            + "{\"name\":\"sts\",\"mode\":\"StsToken\",\"access_key_id\":\"STS.stsProfile0001\",\"access_key_secret\":\"stsProfileSecret0001\",\"sts_token\":\"stsProfileToken0001\"},"
            + "{\"name\":\"role\",\"mode\":\"RamRoleArn\",\"access_key_id\":\"LTAIrole\",\"access_key_secret\":\"roleSecret\",\"ram_role_arn\":\"acs:ram::1:role/x\"}"
            + "],\"meta_path\":\"\"}";

        [Fact]
        public void Aliyun_config_current_profile_in_StsToken_mode_carries_its_token()
        {
            var file = AliyunConfig(AliyunProfiles);

            var found = Resolve(CloudProvider.Alibaba)!;

            Assert.Equal("STS.stsProfile0001", found.Id);
            Assert.Equal("stsProfileToken0001", found.Token);
            Assert.Contains("'sts'", found.Source, StringComparison.Ordinal);
            Assert.Contains(file, found.Source, StringComparison.Ordinal);
            AssertSafe(found);
        }

        [Fact]
        public void ProfileName_picks_an_aliyun_profile_and_skips_environment_variables()
        {
            _env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAIfromEnvironment";
            _env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "environmentSecret";
            AliyunConfig(AliyunProfiles);

            var found = Resolve(CloudProvider.Alibaba, "default")!;

            Assert.Equal("LTAIakProfile0001", found.Id);
            Assert.Null(found.Token);
            Assert.Contains("'default'", found.Source, StringComparison.Ordinal);
            AssertSafe(found);
        }

        [Fact]
        public void An_aliyun_profile_in_another_mode_is_a_clear_error()
        {
            AliyunConfig(AliyunProfiles);

            var error = Assert.Throws<CredentialException>(() => Resolve(CloudProvider.Alibaba, "role"));

            Assert.Contains("RamRoleArn", error.Message, StringComparison.Ordinal);
            Assert.Contains("AK", error.Message, StringComparison.Ordinal);
            Assert.Contains("StsToken", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("roleSecret", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(".tccli/default.credential", "{\"secretId\":\"AKIDleaky\",\"secretKey\":\"leakySecretValue\"", "Tencent")]
        [InlineData(".tccli/default.credential", "secretKey=leakySecretValue", "Tencent")]
        [InlineData(".aliyun/config.json", "{\"profiles\":[{\"access_key_secret\":leakySecretValue}]}", "Alibaba")]
        [InlineData(".aliyun/config.json", "leakySecretValue", "Alibaba")]
        public void Invalid_json_names_the_file_but_never_quotes_it(string relative, string content, string provider)
        {
            var file = Write(relative.Replace('/', Path.DirectorySeparatorChar), content);

            var error = Assert.Throws<CredentialException>(() => Resolve(Enum.Parse<CloudProvider>(provider)));

            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("leaky", error.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        [InlineData(".tccli/default.credential", "[\"leakySecretValue\"]", "Tencent")]
        [InlineData(".aliyun/config.json", "\"leakySecretValue\"", "Alibaba")]
        public void Json_that_is_not_an_object_is_a_clear_error_naming_the_file(string relative, string content, string provider)
        {
            var file = Write(relative.Replace('/', Path.DirectorySeparatorChar), content);

            var error = Assert.Throws<CredentialException>(() => Resolve(Enum.Parse<CloudProvider>(provider)));

            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("leaky", error.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        private sealed class FakeEnvironment : IEnvironmentSource
        {
            private readonly Dictionary<string, string> _variables = new Dictionary<string, string>(StringComparer.Ordinal);

            public FakeEnvironment(string home)
            {
                HomeDirectory = home;
            }

            public string HomeDirectory { get; }

            public string this[string name]
            {
                set => _variables[name] = value;
            }

            // The same normalisation as the process environment: blank means unset.
            public string? Variable(string name) => _variables.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        }
    }

    /// <summary>Credentials through the hosted engine: -Verbose names the source; STS tokens go where each cloud wants them.</summary>
    public sealed class CredentialSourceEngineTests : EmulatorTest
    {
        private const string TencentToken = "tencentStsTokenForTests000000000000000001";
        private const string AlibabaToken = "alibabaStsTokenForTests000000000000000001";

        protected override Scenario CreateScenario()
        {
            var scenario = Clouds.Scenario(new[] { Clouds.Cvm("ins-token001"), Clouds.Mongo("cmgo-token001"), Clouds.Cvm("ins-token002"), Clouds.Ecs("i-bptoken0000000000001"), Clouds.Ecs("i-bptoken0000000000002") });
            scenario.Accounts.Single(a => a.Provider == "tencent").Token = TencentToken;
            scenario.Accounts.Single(a => a.Provider == "alibaba").Token = AlibabaToken;
            return scenario;
        }

        private static Dictionary<string, object?> Tokens => new Dictionary<string, object?>
        {
            ["tcToken"] = new NetworkCredential("", TencentToken).SecurePassword,
            ["aliToken"] = new NetworkCredential("", AlibabaToken).SecurePassword,
        };

        [Theory]
        [InlineData("Invoke-CvmRenewal", "ins-token001")]
        [InlineData("Invoke-MongoDbRenewal", "cmgo-token001")]
        public void A_tencent_session_token_is_sent_as_X_TC_Token(string cmdlet, string id)
        {
            var r = Run("'" + id + "' | " + cmdlet + " -Region ap-guangzhou -Period 1 -Credential $tc -SessionToken $tcToken -Endpoint $endpoint -Force -Verbose", Tokens);

            Assert.Empty(r.Errors);
            Assert.Equal(RenewalStatus.Submitted, Assert.Single(r.Results).Status);
            Assert.Contains(r.Verbose, v => v.Message.Contains("from -Credential", StringComparison.Ordinal) && v.Message.Contains("-SessionToken", StringComparison.Ordinal));
            var request = Assert.Single(Emulator.Requests);
            Assert.Equal(TencentToken, request.Headers["X-TC-Token"]);
        }

        [Fact]
        public void The_legacy_gateway_gets_the_token_as_its_Token_parameter()
        {
            var r = Run("'ins-token002' | Invoke-CvmRenewal -Api LegacyRenewInstances -Region ap-guangzhou -Period 1 -Credential $tc -SessionToken $tcToken -Endpoint $endpoint -Force", Tokens);

            Assert.Empty(r.Errors);
            Assert.Equal(RenewalStatus.Submitted, Assert.Single(r.Results).Status);
            Assert.Contains("Token=" + TencentToken, Assert.Single(Emulator.Requests).Body, StringComparison.Ordinal);
        }

        [Fact]
        public void Without_the_token_an_sts_key_is_refused_by_the_cloud()
        {
            var r = Run("'ins-token001' | Invoke-CvmRenewal -Region ap-guangzhou -Period 1 -Credential $tc -Endpoint $endpoint -Force");

            Assert.Equal("AuthFailure.TokenFailure", Assert.Single(r.Results).ErrorCode);
        }

        [Theory]
        [InlineData("ACS3", "i-bptoken0000000000001")]
        [InlineData("1.0", "i-bptoken0000000000002")]
        public void An_alibaba_session_token_is_sent_as_each_signature_requires(string signature, string id)
        {
            var r = Run("'" + id + "' | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -SignatureVersion " + signature + " -Credential $ali -SessionToken $aliToken -Endpoint $endpoint -Force -Verbose", Tokens);

            Assert.Empty(r.Errors);
            Assert.Equal(RenewalStatus.Renewed, Assert.Single(r.Results).Status);
            Assert.Contains(r.Verbose, v => v.Message.Contains("from -Credential", StringComparison.Ordinal));
            var request = Assert.Single(Emulator.Requests);
            if (signature == "ACS3")
            {
                Assert.Equal(AlibabaToken, request.Headers["x-acs-security-token"]);
            }
            else
            {
                Assert.Contains("SecurityToken=" + AlibabaToken, request.Query + "&" + request.Body, StringComparison.Ordinal);
            }
        }
    }
}
