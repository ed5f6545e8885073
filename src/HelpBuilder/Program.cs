using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace HelpBuilder
{
    /// <summary>HelpBuilder &lt;markdown folder&gt; &lt;output MAML file&gt;: what PlatyPS New-ExternalHelp does, for machines without PowerShell.</summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length != 2)
            {
                Console.Error.WriteLine("Usage: HelpBuilder <markdown folder> <output .dll-Help.xml>");
                return 2;
            }
            var (xml, errors) = Convert(args[0]);
            foreach (var error in errors)
            {
                // The canonical "file(line): error CODE: text" form makes MSBuild's Exec report it as a build error.
                Console.WriteLine(error);
            }
            if (errors.Count > 0)
            {
                return 1;
            }
            WriteIfChanged(args[1], xml!);
            return 0;
        }

        /// <summary>Every command page in the folder (module pages and about topics are not command help).</summary>
        public static (string? Xml, List<string> Errors) Convert(string markdownFolder)
        {
            var errors = new List<string>();
            var commands = new List<CommandHelp>();
            if (!Directory.Exists(markdownFolder))
            {
                errors.Add("HelpBuilder: error HELP002: The markdown folder " + markdownFolder + " does not exist.");
                return (null, errors);
            }
            foreach (var file in Directory.GetFiles(markdownFolder, "*.md").OrderBy(f => f, StringComparer.Ordinal))
            {
                var text = File.ReadAllText(file);
                try
                {
                    if (Path.GetFileName(file).StartsWith("about_", StringComparison.OrdinalIgnoreCase) || MarkdownHelpReader.FrontMatter(text).ContainsKey("Module Guid"))
                    {
                        continue;
                    }
                    commands.Add(MarkdownHelpReader.Read(text));
                }
                catch (HelpFormatException ex)
                {
                    errors.Add(Path.GetFullPath(file) + "(" + Math.Max(1, ex.Line) + "): error HELP001: " + ex.Message);
                }
            }
            if (errors.Count == 0 && commands.Count == 0)
            {
                errors.Add("HelpBuilder: error HELP003: No command pages in " + markdownFolder + ".");
            }
            return errors.Count > 0 ? (null, errors) : (Serialize(commands), errors);
        }

        public static string Serialize(IEnumerable<CommandHelp> commands)
        {
            var builder = new StringBuilder();
            using (var writer = new Utf8StringWriter(builder))
            {
                MamlWriter.Write(commands).Save(writer);
            }
            return builder.ToString();
        }

        /// <summary>An unchanged file keeps its timestamp, so incremental builds stay quiet.</summary>
        private static void WriteIfChanged(string path, string xml)
        {
            if (File.Exists(path) && File.ReadAllText(path) == xml)
            {
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, xml, new UTF8Encoding(false));
        }

        private sealed class Utf8StringWriter : StringWriter
        {
            public Utf8StringWriter(StringBuilder builder)
                : base(builder, System.Globalization.CultureInfo.InvariantCulture)
            {
            }

            public override Encoding Encoding => new UTF8Encoding(false);
        }
    }
}
