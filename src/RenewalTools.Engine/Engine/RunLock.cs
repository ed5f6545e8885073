using System;
using System.IO;
using RenewalTools.Signing;

namespace RenewalTools.Engine
{
    /// <summary>
    /// One renewal run per account and product on a machine: a second run started while the first is sending (a scheduled
    /// task that fired twice) would renew every instance again. The lock lives in the temp folder, so it covers the runs of
    /// one machine (per user where the temp folder is per user); runs on different machines are not covered.
    /// </summary>
    internal sealed class RunLock : IDisposable
    {
        private readonly FileStream _file;

        private RunLock(FileStream file)
        {
            _file = file;
        }

        /// <summary>Takes the lock, or throws <see cref="RunLockBusyException"/> when another run holds it.</summary>
        /// <param name="endpoint">An -Endpoint override names another cloud (the emulator of a test, say): its runs are apart.</param>
        public static RunLock Take(string service, string credentialId, Uri? endpoint)
        {
            var folder = Path.Combine(Path.GetTempPath(), "RenewalTools");
            Directory.CreateDirectory(folder);
            // The key's ID is hashed: the lock file's name must not put even the key's ID in the temp folder.
            var path = Path.Combine(folder, "run-" + service.ToLowerInvariant() + "-" + Crypto.Sha256Hex(credentialId + "|" + (endpoint?.GetLeftPart(UriPartial.Authority) ?? "")).Substring(0, 16) + ".lock");
            try
            {
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                return new RunLock(file);
            }
            catch (IOException)
            {
                throw new RunLockBusyException("Another RenewalTools run is renewing " + service + " instances with this key on this machine (lock " + path + "). Two overlapping runs could renew the same instances twice, so this one sends nothing. Wait for the other run to finish, then run again; with -OnlyIfExpiringWithinDays or the same -JournalPath the rerun skips what the first one renewed.");
            }
        }

        public void Dispose() => _file.Dispose();
    }

    internal sealed class RunLockBusyException : IOException
    {
        public RunLockBusyException(string message)
            : base(message)
        {
        }
    }
}
