using System.IO;

namespace RenewalTools.Engine
{
    internal sealed class JournalInUseException : IOException
    {
        public JournalInUseException(string message)
            : base(message)
        {
        }
    }
}
