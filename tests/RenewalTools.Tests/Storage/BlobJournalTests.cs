using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using CloudEmulator;
using RenewalTools.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RenewalTools.Tests.Storage
{
    /// <summary>-JournalPath as an append blob in a real Blob service (Azurite), in-process.</summary>
    public sealed class BlobJournalTests : EmulatorTest, IClassFixture<AzuriteHost>
    {
        private static readonly string[] Ids = Clouds.EcsIds(30, "b");
        private readonly AzuriteHost _azurite;
        private readonly ITestOutputHelper _output;

        public BlobJournalTests(AzuriteHost azurite, ITestOutputHelper output)
        {
            _azurite = azurite;
            _output = output;
        }

        protected override Scenario CreateScenario() => Clouds.Scenario(Ids.Select(id => Clouds.Ecs(id)));

        protected override bool ReadsCloudState => true;

        private string NewContainer() => _azurite.CreateContainer("c" + Guid.NewGuid().ToString("N").Substring(0, 12));

        [Fact]
        public void A_SAS_in_the_journal_URL_appears_in_no_stream_error_or_journal_and_the_rerun_skips_what_is_done()
        {
            var sas = AzuriteHost.AccountSas();
            var signature = WebUtility.UrlDecode(sas.Split("sig=")[1]);
            var journal = NewContainer() + "/renewals/2026-12.jsonl?" + sas;
            var first = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal -Verbose",
                new Dictionary<string, object?> { ["ids"] = Ids, ["journal"] = journal });
            var rerun = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal -Verbose; $Error | Out-String",
                new Dictionary<string, object?> { ["ids"] = Ids, ["journal"] = journal });

            var summary = Run("Get-RenewalJournal $journal -Verbose", new Dictionary<string, object?> { ["journal"] = journal });

            Assert.Equal(Ids.OrderBy(i => i), summary.Results.Where(r => r.Status == RenewalStatus.Renewed).Select(r => r.InstanceId).OrderBy(i => i));
            Assert.Null(first.Terminating);
            Assert.All(first.Results, r => Assert.Equal(RenewalStatus.Renewed, r.Status));
            Assert.Equal(Ids.Length, first.Results.Count);
            Assert.All(rerun.Results, r => Assert.Equal(RenewalStatus.Skipped, r.Status));
            Assert.All(Ids, id => Assert.Equal(1, Emulator.RenewalCount(id)));
            var lines = _azurite.Read(journal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Ids.Length, lines.Count(l => l.Contains("\"type\":\"intent\"", StringComparison.Ordinal)));
            Assert.Contains(first.Verbose, v => v.Message.Contains("credentials from the SAS token in the URL", StringComparison.Ordinal));
            Assert.Contains(rerun.Results, r => r.Message!.Contains("sig=REDACTED", StringComparison.Ordinal));
            foreach (var text in new[] { first.AllText(), rerun.AllText(), summary.AllText(), string.Join("\n", lines) })
            {
                Assert.DoesNotContain(signature, text, StringComparison.Ordinal);
                Assert.DoesNotContain(Uri.EscapeDataString(signature), text, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void An_unreachable_storage_account_stops_the_run_before_any_renewal()
        {
            var port = FreePort();
            var r = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal",
                new Dictionary<string, object?> { ["ids"] = Ids, ["journal"] = "http://127.0.0.1:" + port + "/devstoreaccount1/c/j.jsonl?" + AzuriteHost.AccountSas() });

            var record = Refusal(r);
            Assert.StartsWith("SharedStorageUnavailable", record.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("no answer from the storage account", record.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(RenewalRequests("RenewInstance"));
            Assert.Empty(r.Results);
            _output.WriteLine(record.Exception.Message);
        }

        [Fact]
        public void An_unauthorised_credential_stops_the_run_before_any_renewal_and_the_bad_SAS_is_not_shown()
        {
            var forged = "sv=2019-12-12&ss=b&srt=sco&sp=racwdl&se=2099-01-01T00%3A00%3A00Z&sig=Zm9yZ2VkU2lnbmF0dXJlRm9yVGVzdHM%3D";
            var r = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal",
                new Dictionary<string, object?> { ["ids"] = Ids, ["journal"] = NewContainer() + "/j.jsonl?" + forged });

            var record = Refusal(r);
            Assert.Contains("HTTP 403", record.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Storage Blob Data Contributor", record.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(RenewalRequests("RenewInstance"));
            Assert.DoesNotContain("Zm9yZ2VkU2lnbmF0dXJlRm9yVGVzdHM", r.AllText(), StringComparison.Ordinal);
            _output.WriteLine(record.Exception.Message);
        }

        [Fact]
        public void A_second_run_on_a_leased_blob_journal_is_refused_and_sends_nothing()
        {
            var journal = NewContainer() + "/j.jsonl?" + AzuriteHost.AccountSas();
            var holder = Storage.BlobLeaseHolder.Take(journal);
            try
            {
                var r = Run("$ids | Invoke-EcsRenewal -Region cn-hangzhou -Period 1 -Credential $ali -Endpoint $endpoint -Force -JournalPath $journal",
                    new Dictionary<string, object?> { ["ids"] = Ids, ["journal"] = journal });
                Assert.StartsWith("JournalInUse", Refusal(r).FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.Empty(RenewalRequests("RenewInstance"));
            }
            finally
            {
                holder.Dispose();
            }
        }

        /// <summary>The one error that stopped the cmdlet (statement-terminating inside a script).</summary>
        private static System.Management.Automation.ErrorRecord Refusal(RunResult r) =>
            (r.Terminating as System.Management.Automation.IContainsErrorRecord)?.ErrorRecord ?? Assert.Single(r.Errors);

        private static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
