using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using RenewalTools.Signing;
using RenewalTools.Storage;

namespace RenewalTools.Tests.Harness
{
    /// <summary>
    /// A real Blob service for the tests: Azurite (azurite@3.35.0 from npm, the last release that runs on Node 20), installed
    /// into .tools/azurite when missing, started on 127.0.0.1 on a free port with in-memory storage, stopped on Dispose.
    /// </summary>
    public sealed class AzuriteHost : IDisposable
    {
        public const string Account = "devstoreaccount1";
        /// <summary>Azurite's public development key (documented; not a secret).</summary>
        public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        public const string Version = "3.35.0";
        private static readonly object InstallGate = new object();
        private readonly Process _process;

        public AzuriteHost()
        {
            var main = EnsureInstalled();
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { main, "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry" })
            {
                start.ArgumentList.Add(a);
            }
            _process = Process.Start(start)!;
            var errors = _process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string? line;
            while ((line = _process.StandardOutput.ReadLine()) != null && DateTime.UtcNow < deadline)
            {
                var m = Regex.Match(line, @"listens on http://127\.0\.0\.1:(\d+)");
                if (m.Success)
                {
                    Port = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    break;
                }
            }
            if (Port == 0)
            {
                _process.Kill(true);
                throw new InvalidOperationException("Azurite did not start: " + errors.Result);
            }
            // Keep draining its output so it never blocks on a full pipe.
            var output = _process.StandardOutput;
            new Thread(() => { while (output.ReadLine() != null) { } }) { IsBackground = true }.Start();
        }

        public int Port { get; }

        public string BlobEndpoint => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/" + Account;

        public string ConnectionString => "DefaultEndpointsProtocol=http;AccountName=" + Account + ";AccountKey=" + Key + ";BlobEndpoint=" + BlobEndpoint + ";";

        /// <summary>Creates a container (Shared Key) and returns its URL.</summary>
        public string CreateContainer(string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, BlobEndpoint + "/" + name + "?restype=container");
            request.Headers.TryAddWithoutValidation("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("x-ms-version", BlobClient.ApiVersion);
            request.Content = new ByteArrayContent(Array.Empty<byte>());
            new SharedKeyCredential(Account, Key, "test").Authorize(request, Account);
            using var client = new HttpClient();
            using var response = client.Send(request);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException("Create container " + name + ": " + (int)response.StatusCode);
            }
            return BlobEndpoint + "/" + name;
        }

        /// <summary>An account SAS (learn: create-account-sas, version 2019-12-12 string to sign) for blobs, all permissions, one hour.</summary>
        public static string AccountSas(string permissions = "racwdl")
        {
            var expiry = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            const string version = "2019-12-12";
            var toSign = string.Join("\n", Account, permissions, "b", "sco", "", expiry, "", "", version) + "\n";
            var sig = Convert.ToBase64String(Crypto.HmacSha256(Convert.FromBase64String(Key), toSign));
            return "sv=" + version + "&ss=b&srt=sco&sp=" + permissions + "&se=" + Uri.EscapeDataString(expiry) + "&sig=" + Uri.EscapeDataString(sig);
        }

        /// <summary>The blob's text (empty when absent), read with Shared Key.</summary>
        public string Read(string blobUrl)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, blobUrl.Split('?')[0]);
            request.Headers.TryAddWithoutValidation("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("x-ms-version", BlobClient.ApiVersion);
            new SharedKeyCredential(Account, Key, "test").Authorize(request, Account);
            using var client = new HttpClient();
            using var response = client.Send(request);
            return response.StatusCode == HttpStatusCode.OK ? response.Content.ReadAsStringAsync().GetAwaiter().GetResult() : "";
        }

        public void Dispose()
        {
            try
            {
                _process.Kill(true);
                _process.WaitForExit(10000);
            }
            catch (InvalidOperationException)
            {
            }
            _process.Dispose();
        }

        /// <summary>node's entry point of azurite-blob, installing the pinned version into .tools/azurite first if needed.</summary>
        private static string EnsureInstalled()
        {
            var prefix = Path.Combine(RepoPaths.Root, ".tools", "azurite");
            var main = Path.Combine(prefix, "node_modules", "azurite", "dist", "src", "blob", "main.js");
            lock (InstallGate)
            {
                if (File.Exists(main))
                {
                    return main;
                }
                var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in new[] { "install", "--prefix", prefix, "azurite@" + Version, "--no-audit", "--no-fund" })
                {
                    npm.ArgumentList.Add(a);
                }
                using var install = Process.Start(npm)!;
                var errors = install.StandardError.ReadToEndAsync();
                install.StandardOutput.ReadToEnd();
                install.WaitForExit();
                if (install.ExitCode != 0 || !File.Exists(main))
                {
                    throw new InvalidOperationException("npm install azurite@" + Version + " failed (exit " + install.ExitCode + "): " + errors.Result);
                }
                return main;
            }
        }
    }
}
