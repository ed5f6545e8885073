using System.Net.Http;

namespace RenewalTools.Storage
{
    /// <summary>A SAS token: the query itself is the credential, so nothing is signed.</summary>
    internal sealed class SasCredential : BlobCredential
    {
        private readonly string _token;

        public SasCredential(string token, string source)
            : base(source)
        {
            _token = token.Trim().TrimStart('?');
        }

        public override string? Query => _token;

        public override void Authorize(HttpRequestMessage request, string account)
        {
        }
    }
}
