using System;

namespace RenewalTools.Credentials
{
    internal sealed class CredentialException : Exception
    {
        public CredentialException(string message)
            : base(message)
        {
        }
    }
}
