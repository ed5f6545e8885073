using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

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
