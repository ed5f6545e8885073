using RenewalTools.Credentials;

namespace RenewalTools.Storage
{
    /// <summary>
    /// The Blob Storage a run shares with every machine: the container of a blob -JournalPath, else the container named by
    /// RENEWALTOOLS_LOCK_URL (for runbooks that keep no journal), with the credential found for it.
    /// </summary>
    internal sealed class BlobPlace
    {
        public const string LockVariable = "RENEWALTOOLS_LOCK_URL";

        private BlobPlace(BlobAddress address, BlobCredential credential)
        {
            Address = address;
            Credential = credential;
        }

        /// <summary>The journal blob, or the container of RENEWALTOOLS_LOCK_URL.</summary>
        public BlobAddress Address { get; }

        public BlobCredential Credential { get; }

        /// <summary>True when the journal location is a blob URL rather than a file.</summary>
        public bool HoldsJournal => Address.Blob.Length > 0;

        /// <summary>A client for a blob of this place's container (the journal itself when <paramref name="blob"/> is null).</summary>
        public BlobClient Client(string? blob = null) => new BlobClient(blob is null ? Address : Address.Sibling(blob), Credential);

        /// <summary>Null when the run keeps its journal (if any) on local disk and no lock URL is set: the run lock is then this machine's.</summary>
        public static BlobPlace? Find(string? journalLocation, IEnvironmentSource env)
        {
            BlobAddress address;
            if (BlobAddress.IsUrl(journalLocation))
            {
                address = BlobAddress.Parse(journalLocation!, containerOnly: false);
            }
            else if (env.Variable(LockVariable) is string lockUrl)
            {
                address = BlobAddress.Parse(lockUrl, containerOnly: true);
            }
            else
            {
                return null;
            }
            return new BlobPlace(address, BlobCredentialResolver.Resolve(address, env));
        }
    }
}
