using System;

namespace HelpBuilder
{
    /// <summary>A markdown file that PlatyPS's New-ExternalHelp would also reject, with the line to fix.</summary>
    internal sealed class HelpFormatException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }
}
