using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using CloudEmulator;
using RenewalTools.Signing;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Proofs
{
    /// <summary>
    /// Issue #5 item 6: every cmdlet and API, at -Verbose -Debug with a journal, through a success, each error class and a
    /// signature failure. The secret, the wrong secret and every TC3 signing key must appear nowhere; the STS token only in
    /// the one header or parameter that carries it.
    /// </summary>
    public sealed class SecretHygieneTests : EmulatorTest
    {
        private const string TencentSecret = "hygieneTencentSecretKey0000000001";
        private const string AlibabaSecret = "hygieneAlibabaSecretKey0000000001";
        private const string WrongSecret = "hygieneWrongSecretKeyValue00000001";
        private const string TencentToken = "hygieneTencentStsToken/with+chars=0001";
        private const string AlibabaToken = "hygieneAlibabaStsToken/with+chars=0001";

        private static readonly Dictionary<string, string[]> Ids = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            // success, Final (postpaid), SafeToRetry (throttled once), MayHaveExecuted, signature failure
            ["cvm"] = new[] { "ins-hyg00001", "ins-hygpost1", "ins-hyg00002", "ins-hyg00003", "ins-hyg00004" },
            ["mongodb"] = new[] { "cmgo-hyg00001", "cmgo-hygpost1", "cmgo-hyg00002", "cmgo-hyg00003", "cmgo-hyg00004" },
            ["ecs"] = new[] { "i-bphyg00000000000001", "i-bphygpost00000000001", "i-bphyg00000000000002", "i-bphyg00000000000003", "i-bphyg00000000000004" },
        };

        private string JournalFile => Path.Combine(TempDirectory, "hygiene.jsonl");

        protected override Scenario CreateScenario()
        {
            var instances = new List<EmulatedInstance>();
            foreach (var (service, ids) in Ids)
            {
                var region = service == "ecs" ? "cn-hangzhou" : "ap-guangzhou";
                instances.AddRange(ids.Select(id => Clouds.Instance(id, service, region, id.Contains("post", StringComparison.Ordinal)
                    ? (service == "ecs" ? "PostPaid" : "POSTPAID_BY_HOUR")
                    : (service == "ecs" ? "PrePaid" : "PREPAID"))));
            }
            var scenario = Clouds.Scenario(instances);
            var tencent = scenario.Accounts.Single(a => a.Provider == "tencent");
            tencent.Secret = TencentSecret;
            tencent.Token = TencentToken;
            var alibaba = scenario.Accounts.Single(a => a.Provider == "alibaba");
            alibaba.Secret = AlibabaSecret;
            alibaba.Token = AlibabaToken;
            return scenario;
        }

        [Theory]
        [InlineData("Invoke-CvmRenewal -Api RenewInstances", "cvm")]
        [InlineData("Invoke-CvmRenewal -Api LegacyRenewInstances", "cvm")]
        [InlineData("Invoke-CvmRenewal -Api LegacyRenewInstance", "cvm")]
        [InlineData("Invoke-MongoDbRenewal -Api RenewDBInstances", "mongodb")]
        [InlineData("Invoke-MongoDbRenewal -Api LegacyRenewMongoDB", "mongodb")]
        [InlineData("Invoke-EcsRenewal -SignatureVersion ACS3", "ecs")]
        [InlineData("Invoke-EcsRenewal -SignatureVersion 1.0", "ecs")]
        public void No_secret_or_signing_key_leaks_through_success_every_error_class_and_a_bad_signature(string command, string service)
        {
            var alibaba = service == "ecs";
            var ids = Ids[service];
            var keyId = alibaba ? Clouds.AlibabaId : Clouds.TencentId;
            var secret = alibaba ? AlibabaSecret : TencentSecret;
            var token = alibaba ? AlibabaToken : TencentToken;
            var region = alibaba ? "cn-hangzhou" : "ap-guangzhou";
            var runs = new List<RunResult>();

            RunResult Renew(string id, string usingSecret) => Run(
                "'" + id + "' | " + command + " -Region " + region + " -Period 1 -Credential $cred -SessionToken $token -Endpoint $endpoint -JournalPath $journal -Force -Verbose -Debug -WarningAction Continue -ErrorAction Continue",
                new Dictionary<string, object?>
                {
                    ["cred"] = Clouds.Credential(keyId, usingSecret),
                    ["token"] = new NetworkCredential("", token).SecurePassword,
                    ["journal"] = JournalFile,
                });

            var success = Renew(ids[0], secret);
            runs.Add(success);
            Assert.True(Assert.Single(success.Results).Status is RenewalStatus.Submitted or RenewalStatus.Renewed, Assert.Single(success.Results).Message);
            Assert.NotEmpty(success.Verbose);
            Assert.NotEmpty(success.Debug);

            var final = Renew(ids[1], secret);
            runs.Add(final);
            Assert.Equal("Final", Assert.Single(final.Results).ErrorClass);

            Emulator.Enqueue(new FaultRule { InstanceId = ids[2], Kind = FaultKind.Throttle });
            var throttled = Renew(ids[2], secret);
            runs.Add(throttled);
            var retried = Assert.Single(throttled.Results);
            Assert.True(retried.Status is RenewalStatus.Submitted or RenewalStatus.Renewed, retried.Message);
            Assert.Equal(2, retried.Attempts);

            Emulator.Enqueue(new FaultRule { InstanceId = ids[3], Kind = FaultKind.ErrorAfterExecution });
            var maybe = Renew(ids[3], secret);
            runs.Add(maybe);
            Assert.Contains(Emulator.Requests, q => q.InstanceIds.Contains(ids[3]) && q.Outcome == "ErrorAfterExecution");
            Assert.Equal(alibaba ? RenewalStatus.Renewed : RenewalStatus.Unknown, Assert.Single(maybe.Results).Status);

            var badSignature = Renew(ids[4], WrongSecret);
            runs.Add(badSignature);
            Assert.Equal(RenewalStatus.Failed, Assert.Single(badSignature.Results).Status);
            Assert.Equal(0, Emulator.RenewalCount(ids[4]));

            var journalSummary = Run("Get-RenewalJournal -Path $journal -Verbose -Debug -WarningAction Continue -ErrorAction Continue", new Dictionary<string, object?> { ["journal"] = JournalFile });
            runs.Add(journalSummary);
            Assert.Equal(ids.Length, journalSummary.Results.Count);

            var forbidden = Forbidden(secret, service);
            foreach (var (run, i) in runs.Select((run, i) => (run, i)))
            {
                var text = run.AllText();
                AssertAbsent(forbidden, text, "run " + i + " streams and exceptions");
                AssertAbsent(new[] { token, Uri.EscapeDataString(token) }, text, "run " + i + " streams and exceptions (session token)");
            }
            var journal = File.ReadAllText(JournalFile);
            AssertAbsent(forbidden, journal, "the journal");
            AssertAbsent(new[] { token, Uri.EscapeDataString(token) }, journal, "the journal (session token)");

            var requests = Emulator.Requests;
            Assert.True(requests.Count >= 6, "Expected five runs and a throttled resend, got " + requests.Count + " request(s).");
            foreach (var request in requests)
            {
                AssertRequestClean(request, forbidden, token, service, command);
            }
        }

        /// <summary>The secret may appear nowhere; the token only in the header or parameter the cloud reads it from.</summary>
        private static void AssertRequestClean(RecordedRequest request, IReadOnlyList<string> forbidden, string token, string service, string command)
        {
            var where = request.Action + " " + request.Outcome;
            var tokenHeader = service == "ecs" ? "x-acs-security-token" : "X-TC-Token";
            var tokenParameter = service == "ecs" ? "SecurityToken" : "Token";
            var api3 = command.Contains("-Api RenewInstances", StringComparison.Ordinal) || command.Contains("RenewDBInstances", StringComparison.Ordinal);
            var inHeader = api3 || command.Contains("ACS3", StringComparison.Ordinal);

            foreach (var (name, value) in request.Headers)
            {
                // The signature itself is derived from the key by design; everything else must be free of it.
                var checkedValue = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? WithoutSignature(value) : value;
                AssertAbsent(forbidden, checkedValue, where + " header " + name);
                if (!(inHeader && name.Equals(tokenHeader, StringComparison.OrdinalIgnoreCase)))
                {
                    AssertAbsent(new[] { token, Uri.EscapeDataString(token) }, value, where + " header " + name + " (session token)");
                }
            }
            if (inHeader)
            {
                Assert.Equal(token, request.Headers[tokenHeader]);
            }

            var sawTokenParameter = false;
            foreach (var (part, text) in new[] { ("query", request.Query.TrimStart('?')), ("body", request.Body) })
            {
                foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    var name = Uri.UnescapeDataString(eq < 0 ? pair : pair.Substring(0, eq));
                    var value = eq < 0 ? "" : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                    var raw = eq < 0 ? "" : pair.Substring(eq + 1);
                    if (name == "Signature")
                    {
                        continue;
                    }
                    AssertAbsent(forbidden, pair + "\n" + value, where + " " + part + " parameter " + name);
                    if (!inHeader && name == tokenParameter)
                    {
                        Assert.True(value == token || raw == token, where + ": the " + tokenParameter + " parameter does not carry the token.");
                        sawTokenParameter = true;
                        continue;
                    }
                    AssertAbsent(new[] { token, Uri.EscapeDataString(token) }, pair + "\n" + value, where + " " + part + " parameter " + name + " (session token)");
                }
            }
            Assert.True(inHeader || sawTokenParameter, where + ": the token was not sent as " + tokenParameter + ".");
        }

        private static string WithoutSignature(string authorization)
        {
            var at = authorization.IndexOf("Signature=", StringComparison.Ordinal);
            return at < 0 ? authorization : authorization.Substring(0, at);
        }

        /// <summary>Both secrets, and for TC3 every intermediate signing key around today's UTC date, as hex and base64.</summary>
        private static List<string> Forbidden(string secret, string service)
        {
            var forbidden = new List<string> { secret, WrongSecret, Uri.EscapeDataString(secret), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) };
            if (service == "ecs")
            {
                return forbidden;
            }
            var today = DateTime.UtcNow.Date;
            foreach (var key in new[] { secret, WrongSecret })
            {
                foreach (var date in new[] { today.AddDays(-1), today, today.AddDays(1) }.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
                {
                    foreach (var product in new[] { "cvm", "mongodb" })
                    {
                        var kDate = Crypto.HmacSha256(Crypto.Utf8("TC3" + key), date);
                        var kService = Crypto.HmacSha256(kDate, product);
                        var kSigning = Tc3Signer.SigningKey(key, date, product);
                        Assert.Equal(Crypto.HmacSha256(kService, "tc3_request"), kSigning);
                        foreach (var bytes in new[] { kDate, kService, kSigning })
                        {
                            forbidden.Add(Crypto.Hex(bytes));
                            forbidden.Add(Convert.ToBase64String(bytes));
                        }
                    }
                }
            }
            return forbidden;
        }

        private static void AssertAbsent(IEnumerable<string> forbidden, string text, string where)
        {
            foreach (var f in forbidden)
            {
                Assert.False(text.Contains(f, StringComparison.OrdinalIgnoreCase), "A secret value (" + f.Substring(0, Math.Min(6, f.Length)) + "…) appears in " + where + ".");
            }
        }
    }
}
