using System.IO;
using RenewalTools.Storage;

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
