using System;
using RenewalTools.Credentials;

namespace RenewalTools.Clients
{
    /// <summary>What one signed request needs besides the instances: key, time (clock-corrected), endpoint override.</summary>
    internal sealed class SigningContext
    {
        public SigningContext(CloudCredential credential, DateTimeOffset now, Uri? endpoint)
        {
            Credential = credential;
            Now = now;
            Endpoint = endpoint;
        }

        public CloudCredential Credential { get; }
        public DateTimeOffset Now { get; }
        public Uri? Endpoint { get; }
        public long UnixSeconds => Now.ToUnixTimeSeconds();
    }
}
