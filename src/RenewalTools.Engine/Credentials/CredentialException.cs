using System;
using System.IO;
using System.Linq;
using System.Text.Json;

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
