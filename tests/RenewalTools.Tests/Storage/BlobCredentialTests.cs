using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Engine;
using RenewalTools.Storage;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Storage
{
    /// <summary>Blob URLs, credential sources and their order, Shared Key against Azurite, the managed identity's token request.</summary>
    public sealed class BlobCredentialTests : IClassFixture<AzuriteHost>
    {
        private const string Sig = "c2VjcmV0U2lnbmF0dXJlVmFsdWU%3D";
        private readonly AzuriteHost _azurite;

        public BlobCredentialTests(AzuriteHost azurite)
        {
            _azurite = azurite;
        }

        [Theory]
        [InlineData("https://acct.blob.core.windows.net/journals/run/2026.jsonl", "acct", "journals", "run/2026.jsonl")]
        [InlineData("http://127.0.0.1:10000/devstoreaccount1/journals/j.jsonl?sv=1&sig=" + Sig, "devstoreaccount1", "journals", "j.jsonl")]
        public void A_blob_URL_names_its_account_container_and_blob_and_shows_no_signature(string url, string account, string container, string blob)
        {
            var address = BlobAddress.Parse(url, containerOnly: false);

            Assert.Equal((account, container, blob), (address.Account, address.Container, address.Blob));
            Assert.DoesNotContain(Sig, address.Display, StringComparison.Ordinal);
            Assert.DoesNotContain("?", address.Uri.AbsoluteUri, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("http://storage.example.com/c/j.jsonl")]
        [InlineData("https://acct.blob.core.windows.net/only-a-container")]
        public void A_clear_text_remote_URL_or_a_URL_without_a_blob_is_refused_without_its_signature(string url)
        {
            var ex = Assert.Throws<BlobStorageException>(() => BlobAddress.Parse(url + "?sv=1&sig=" + Sig, containerOnly: false));
            Assert.DoesNotContain(Sig, ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Redaction_masks_the_signature_wherever_it_stands()
        {
            var text = "GET https://a.blob.core.windows.net/c/b?sv=2021&sig=" + Sig + "&se=x and \"sig=" + Sig + "\" and SharedAccessSignature=sv=1&sig=" + Sig + ";";
            Assert.DoesNotContain(Sig, SasRedaction.Redact(text), StringComparison.Ordinal);
            Assert.Contains("sig=REDACTED&se=x", SasRedaction.Redact(text), StringComparison.Ordinal);
        }

        [Fact]
        public void The_first_credential_found_wins_and_a_key_for_another_account_is_refused()
        {
            var address = BlobAddress.Parse("https://acct.blob.core.windows.net/c/j.jsonl", containerOnly: false);
            var all = new Dictionary<string, string>
            {
                ["AZURE_STORAGE_SAS_TOKEN"] = "?sv=1&sig=" + Sig,
                ["AZURE_STORAGE_KEY"] = AzuriteHost.Key,
                ["IDENTITY_ENDPOINT"] = "http://127.0.0.1:1/msi/token",
                ["IDENTITY_HEADER"] = "h",
            };
            Assert.Equal("environment variable AZURE_STORAGE_SAS_TOKEN", BlobCredentialResolver.Resolve(address, new FakeEnvironment(all)).Source);
            all.Remove("AZURE_STORAGE_SAS_TOKEN");
            Assert.IsType<SharedKeyCredential>(BlobCredentialResolver.Resolve(address, new FakeEnvironment(all)));
            all.Remove("AZURE_STORAGE_KEY");
            Assert.IsType<ManagedIdentityCredential>(BlobCredentialResolver.Resolve(address, new FakeEnvironment(all)));
            all["AZURE_STORAGE_CONNECTION_STRING"] = "AccountName=other;AccountKey=" + AzuriteHost.Key;
            Assert.Contains("for the storage account other, but the URL names acct", Assert.Throws<BlobStorageException>(() => BlobCredentialResolver.Resolve(address, new FakeEnvironment(all))).Message, StringComparison.Ordinal);
            Assert.Contains("No credential", Assert.Throws<BlobStorageException>(() => BlobCredentialResolver.Resolve(address, new FakeEnvironment(new Dictionary<string, string>()))).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_connection_strings_Shared_Key_writes_and_reads_back_a_journal_blob()
        {
            var address = BlobAddress.Parse(_azurite.CreateContainer("k" + Guid.NewGuid().ToString("N").Substring(0, 12)) + "/j.jsonl", containerOnly: false);
            var credential = BlobCredentialResolver.Resolve(address, new FakeEnvironment(new Dictionary<string, string> { ["AZURE_STORAGE_CONNECTION_STRING"] = _azurite.ConnectionString }));
            using (var store = BlobJournalStore.Open(new BlobClient(address, credential), _ => { }))
            {
                store.Append(Encoding.UTF8.GetBytes("{\"a\":1}\n"), durable: true);
                store.Append(Encoding.UTF8.GetBytes("{\"b\":2}\n"), durable: false);
            }
            using (var again = BlobJournalStore.Open(new BlobClient(address, credential), _ => { }))
            {
                Assert.Equal("{\"a\":1}\n{\"b\":2}\n", again.ReadExisting().ReadToEnd());
            }
            Assert.Equal("{\"a\":1}\n{\"b\":2}\n", _azurite.Read(address.Uri.AbsoluteUri));
        }

        [Fact]
        public async Task The_managed_identity_asks_its_endpoint_for_a_storage_token_with_the_identity_header_and_sends_it_as_a_bearer()
        {
            var port = FreePort();
            var seen = new ConcurrentQueue<string>();
            using var listener = new HttpListener();
            listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            listener.Start();
            var serving = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException)
                    {
                        return;
                    }
                    var r = context.Request;
                    if (r.Url!.AbsolutePath == "/msi/token")
                    {
                        var ok = r.Headers["X-IDENTITY-HEADER"] == "identity-secret" && r.Headers["Metadata"] == "True" && r.QueryString["resource"] == "https://storage.azure.com/" && r.HttpMethod == "GET";
                        seen.Enqueue("token " + ok + " " + r.QueryString["api-version"]);
                        context.Response.StatusCode = ok ? 200 : 400;
                        var body = Encoding.UTF8.GetBytes(ok ? "{\"access_token\":\"tok-123\",\"expires_on\":\"" + DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() + "\",\"token_type\":\"Bearer\"}" : "{}");
                        context.Response.OutputStream.Write(body, 0, body.Length);
                    }
                    else
                    {
                        seen.Enqueue("blob " + r.HttpMethod + " " + r.Headers["Authorization"] + " " + r.Headers["x-ms-version"]);
                        context.Response.StatusCode = 201;
                    }
                    context.Response.Close();
                }
            });
            var address = BlobAddress.Parse("http://127.0.0.1:" + port + "/devstoreaccount1/c/j.jsonl", containerOnly: false);
            var credential = BlobCredentialResolver.Resolve(address, new FakeEnvironment(new Dictionary<string, string>
            {
                ["IDENTITY_ENDPOINT"] = "http://127.0.0.1:" + port + "/msi/token",
                ["IDENTITY_HEADER"] = "identity-secret",
            }));

            var client = new BlobClient(address, credential);
            client.CreateAppendBlobIfAbsent();
            client.CreateAppendBlobIfAbsent();
            listener.Stop();
            await serving;

            Assert.DoesNotContain("identity-secret", credential.Source, StringComparison.Ordinal);
            // One token for both requests: it is cached until five minutes before it expires.
            Assert.Equal(new[] { "token True 2019-08-01", "blob PUT Bearer tok-123 " + BlobClient.ApiVersion, "blob PUT Bearer tok-123 " + BlobClient.ApiVersion }, seen.ToArray());
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }
    }
}
