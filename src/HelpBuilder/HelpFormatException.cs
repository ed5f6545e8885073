using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpBuilder
{
    /// <summary>A markdown file that PlatyPS's New-ExternalHelp would also reject, with the line to fix.</summary>
    internal sealed class HelpFormatException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }
}
