using System;
using System.Management.Automation;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Storage;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// Makes a write run exclusive per account and product on every machine that shares its storage: the run lock (a
    /// blob lease where Blob Storage is given, a lock file beside the journal otherwise). Every write action takes the same
    /// lock: a renewal keeping an instance's auto-renew flag must not race a policy change of it.
    /// </summary>
    internal static class ExclusiveRun
    {
        /// <summary>Blob Storage every machine sees (a blob journal, or RENEWALTOOLS_LOCK_URL); null for local disk only.</summary>
        public static BlobPlace? FindSharedStorage(PSCmdlet cmdlet, string? journalLocation, IEnvironmentSource environment)
        {
            try
            {
                var shared = BlobPlace.Find(journalLocation, environment);
                if (shared != null)
                {
                    cmdlet.WriteVerbose("Blob Storage " + shared.Address.Display + ": credentials from " + shared.Credential.Source + ".");
                }
                return shared;
            }
            catch (BlobStorageException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "SharedStorageUnavailable", ErrorCategory.InvalidArgument, SasRedaction.Redact(journalLocation)));
                throw;
            }
        }

        /// <param name="lost">Called (on another thread) when a lease is lost mid-run: the run must stop sending at once.</param>
        public static RunLock Take(PSCmdlet cmdlet, string service, CloudCredential credential, Uri? endpoint, BlobPlace? shared, Action<string> lost)
        {
            try
            {
                return RunLock.Take(service, credential.Id, endpoint, shared, lost);
            }
            catch (RunLockBusyException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "RunInProgress", ErrorCategory.ResourceBusy, service));
                throw;
            }
            catch (BlobStorageException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "SharedStorageUnavailable", ErrorCategory.ConnectionError, service));
                throw;
            }
        }
    }
}
