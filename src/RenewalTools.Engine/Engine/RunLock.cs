using System;
using System.IO;
using RenewalTools.Signing;
using RenewalTools.Storage;

namespace RenewalTools.Engine
{
    /// <summary>
    /// One renewal run per account and product: a second run started while the first is sending (a scheduled task that
    /// fired twice) would renew every instance again. The lock always lives in the temp folder (the runs of one machine,
    /// per user where the temp folder is per user); with shared Blob Storage (a blob journal or RENEWALTOOLS_LOCK_URL) it is
    /// also a blob lease that every machine sees, renewed while the run lives and free within a minute after a crash.
    /// </summary>
    internal sealed class RunLock : IDisposable
    {
        private readonly FileStream _file;
        private readonly BlobLease? _lease;

        private RunLock(FileStream file, BlobLease? lease)
        {
            _file = file;
            _lease = lease;
        }

        /// <summary>Takes the lock, or throws <see cref="RunLockBusyException"/> when another run holds it.</summary>
        /// <param name="endpoint">An -Endpoint override names another cloud (the emulator of a test, say): its runs are apart.</param>
        /// <param name="shared">Blob Storage every machine sees, or null for this machine only.</param>
        /// <param name="lost">Called (on another thread) if the blob lease is lost while the run lives.</param>
        public static RunLock Take(string service, string credentialId, Uri? endpoint, BlobPlace? shared = null, Action<string>? lost = null)
        {
            var folder = Path.Combine(Path.GetTempPath(), "RenewalTools");
            Directory.CreateDirectory(folder);
            // The key's ID is hashed: the lock's name must not put even the key's ID in the temp folder or the container.
            var name = "run-" + service.ToLowerInvariant() + "-" + Crypto.Sha256Hex(credentialId + "|" + (endpoint?.GetLeftPart(UriPartial.Authority) ?? "")).Substring(0, 16) + ".lock";
            var path = Path.Combine(folder, name);
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                throw Busy(service, "on this machine (lock " + path + ")");
            }
            if (shared is null)
            {
                return new RunLock(file, null);
            }
            try
            {
                var client = shared.Client("renewaltools-" + name);
                var lease = BlobLease.TryAcquire(client, lost ?? (_ => { }))
                    ?? throw Busy(service, "on another machine or process (blob lease on " + client.Address.Display + "; a run that died frees it within a minute)");
                return new RunLock(file, lease);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        private static RunLockBusyException Busy(string service, string where) =>
            new RunLockBusyException("Another RenewalTools run is renewing " + service + " instances with this key " + where + ". Two overlapping runs could renew the same instances twice (or undo each other's auto-renew flag: a policy change takes the same lock), so this one sends nothing. Wait for the other run to finish, then run again; with -OnlyIfExpiringWithinDays or the same -JournalPath the rerun skips what the first one renewed.");

        public void Dispose()
        {
            _lease?.Dispose();
            _file.Dispose();
        }
    }
}
