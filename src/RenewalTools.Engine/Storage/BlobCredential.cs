using System.Net.Http;

namespace RenewalTools.Storage
{
    /// <summary>How requests to one storage account are authorized: Shared Key, a SAS, or a bearer token.</summary>
    internal abstract class BlobCredential
    {
        protected BlobCredential(string source)
        {
            Source = source;
        }

        /// <summary>Where the credential came from, for -Verbose; never its value.</summary>
        public string Source { get; }

        /// <summary>The query to send after the operation's own parameters (a SAS), or null.</summary>
        public virtual string? Query => null;

        /// <summary>Adds the Authorization header (if any) to a request whose x-ms-* headers are final.</summary>
        public abstract void Authorize(HttpRequestMessage request, string account);
    }
}
