namespace RenewalTools.Credentials
{
    /// <summary>A key pair (and optional STS token) plus where it came from. Never formatted with its secret.</summary>
    internal sealed class CloudCredential
    {
        public CloudCredential(string id, string secret, string? token, string source)
        {
            Id = id;
            Secret = secret;
            Token = string.IsNullOrEmpty(token) ? null : token;
            Source = source;
        }

        public string Id { get; }
        public string Secret { get; }
        public string? Token { get; }
        /// <summary>Where the key came from (a parameter, variable or file name): safe to show.</summary>
        public string Source { get; }

        /// <summary>A short prefix only: enough to tell keys apart in a log, not to use one.</summary>
        public string MaskedId => Id.Length <= 8 ? "****" : Id.Substring(0, 6) + "****";

        public override string ToString() => MaskedId + " from " + Source;
    }
}
