using System;
using System.Net.Http;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Credentials;

namespace RenewalTools.Benchmarks
{
    /// <summary>
    /// The emulator answers in this (parent) process, and its first answer to a read compiles its own serialiser: the
    /// first CVM page of a cold run came 314 ms before the second, against 72 ms once the emulator was warm. That is the
    /// stand-in cloud's cost, not the module's, so a read scenario first has the emulator answer one signed read of the
    /// same action (one instance, in a region of its own). The module's child process stays cold.
    /// </summary>
    internal static class EmulatorWarmUp
    {
        private static readonly HttpClient Client = new HttpClient();

        public static async Task ReadOnceAsync(Uri endpoint, InstanceReader reader, string instanceId)
        {
            var context = new SigningContext(new CloudCredential(Accounts.TencentId, Accounts.TencentKey, null, "benchmark"), DateTimeOffset.UtcNow, endpoint);
            using var request = reader.BuildRequest(new InstanceQuery("ap-beijing", new[] { instanceId }, prepaidOnly: false), null, context);
            using var response = await Client.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (reader.ParsePage(body, new InstanceQuery("ap-beijing", new[] { instanceId }, prepaidOnly: false), null, DateTimeOffset.UtcNow)?.Instances.Count != 1)
            {
                throw new InvalidOperationException("The emulator's warm-up read of " + instanceId + " did not answer it: " + body);
            }
        }
    }
}
