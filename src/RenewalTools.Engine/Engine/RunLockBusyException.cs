using System.IO;

namespace RenewalTools.Engine
{
    internal sealed class RunLockBusyException : IOException
    {
        public RunLockBusyException(string message)
            : base(message)
        {
        }
    }
}
