using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace HelpBuilder
{
    /// <summary>A markdown file that PlatyPS's New-ExternalHelp would also reject, with the line to fix.</summary>
    internal sealed class HelpFormatException : Exception
    {
        public HelpFormatException()
        {
        }

        public HelpFormatException(string message)
            : base(message)
        {
        }

        public HelpFormatException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public HelpFormatException(int line, string message)
            : base(message)
        {
            Line = line;
        }

        public int Line { get; }
    }

    /// <summary>
    /// Reads one cmdlet page in PlatyPS v1 markdown (schema 2.0.0): YAML front matter, "# Name", then the level-2
    /// sections in PlatyPS's fixed order. Anything PlatyPS would misplace is an error here, so the markdown stays
    /// buildable by New-ExternalHelp as well.
    /// </summary>
    internal static class MarkdownHelpReader
    {
        public const string AllParameterSets = "__AllParameterSets";

        private static readonly string[] SectionOrder =
        {
            "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        private static readonly string[] RequiredSections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS" };

        private static readonly Regex SyntaxParameter = new Regex(@"(?<![\w-])-([A-Za-z]\w*)", RegexOptions.CultureInvariant);
        private static readonly Regex Link = new Regex(@"\[([^\]]+)\]\(([^)\s]*)\)", RegexOptions.CultureInvariant);
        private static readonly Regex ListItem = new Regex(@"^(\s*)([-*]|\d+\.)\s+", RegexOptions.CultureInvariant);

        /// <summary>The front matter's keys and values; empty when the file has none.</summary>
        public static Dictionary<string, string> FrontMatter(string markdown)
        {
            var lines = Lines(markdown);
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (lines.Count == 0 || lines[0].Trim() != "---")
            {
                return result;
            }
            for (var i = 1; i < lines.Count && lines[i].Trim() != "---"; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    result[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
                }
            }
            return result;
        }

        public static CommandHelp Read(string markdown)
        {
            var lines = Lines(markdown);
            var start = SkipFrontMatter(lines);
            var blocks = Tokenize(lines, start);
            if (blocks.Count == 0 || blocks[0] is not Heading { Level: 1 } title)
            {
                throw new HelpFormatException(blocks.Count == 0 ? lines.Count : blocks[0].Line, "The page must start (after the front matter) with '# <Command name>'.");
            }
            var help = new CommandHelp(title.Text);
            var sections = SplitSections(blocks.Skip(1).ToList());
            foreach (var required in RequiredSections.Where(r => !sections.Any(s => s.Name == r)))
            {
                throw new HelpFormatException(title.Line, "Section '## " + required + "' is missing.");
            }
            foreach (var section in sections)
            {
                ReadSection(help, section);
            }
            Validate(help, title.Line);
            return help;
        }

        private static List<string> Lines(string markdown) =>
            markdown.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();

        private static int SkipFrontMatter(List<string> lines)
        {
            if (lines.Count == 0 || lines[0].Trim() != "---")
            {
                throw new HelpFormatException(1, "The page must start with PlatyPS front matter ('---', 'schema: 2.0.0', ..., '---').");
            }
            for (var i = 1; i < lines.Count; i++)
            {
                if (lines[i].Trim() == "---")
                {
                    return i + 1;
                }
            }
            throw new HelpFormatException(1, "The front matter is not closed with '---'.");
        }

        private abstract class Block
        {
            protected Block(int line)
            {
                Line = line;
            }

            public int Line { get; }
        }

        private sealed class Heading : Block
        {
            public Heading(int line, int level, string text)
                : base(line)
            {
                Level = level;
                Text = text;
            }

            public int Level { get; }
            public string Text { get; }
        }

        private sealed class Fence : Block
        {
            public Fence(int line, string language, List<string> content)
                : base(line)
            {
                Language = language;
                Content = content;
            }

            public string Language { get; }
            public List<string> Content { get; }
        }

        private sealed class Paragraph : Block
        {
            public Paragraph(int line, string text)
                : base(line)
            {
                Text = text;
            }

            public string Text { get; }
        }

        private sealed class Section
        {
            public Section(string name, int line, List<Block> blocks)
            {
                Name = name;
                Line = line;
                Blocks = blocks;
            }

            public string Name { get; }
            public int Line { get; }
            public List<Block> Blocks { get; }
        }

        /// <summary>Headings, fenced code (whose '#' lines are code, not headings) and paragraphs; list items are paragraphs of their own.</summary>
        private static List<Block> Tokenize(List<string> lines, int start)
        {
            var blocks = new List<Block>();
            var paragraph = new List<string>();
            var paragraphLine = 0;

            void EndParagraph()
            {
                if (paragraph.Count > 0)
                {
                    blocks.Add(new Paragraph(paragraphLine, string.Join(" ", paragraph)));
                    paragraph.Clear();
                }
            }

            for (var i = start; i < lines.Count; i++)
            {
                var line = lines[i];
                var trimmed = line.Trim();
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    EndParagraph();
                    var opened = i + 1;
                    var content = new List<string>();
                    for (i++; i < lines.Count && !lines[i].Trim().StartsWith("```", StringComparison.Ordinal); i++)
                    {
                        content.Add(lines[i].TrimEnd());
                    }
                    if (i >= lines.Count)
                    {
                        throw new HelpFormatException(opened, "The code fence opened here is never closed.");
                    }
                    blocks.Add(new Fence(opened, trimmed.Substring(3).Trim(), content));
                    continue;
                }
                if (trimmed.Length == 0)
                {
                    EndParagraph();
                    continue;
                }
                if (trimmed.StartsWith('#'))
                {
                    EndParagraph();
                    var level = trimmed.TakeWhile(c => c == '#').Count();
                    blocks.Add(new Heading(i + 1, level, trimmed.Substring(level).Trim()));
                    continue;
                }
                if (ListItem.IsMatch(line) && paragraph.Count > 0)
                {
                    EndParagraph();
                }
                if (paragraph.Count == 0)
                {
                    paragraphLine = i + 1;
                }
                paragraph.Add(trimmed);
            }
            EndParagraph();
            return blocks;
        }

        private static List<Section> SplitSections(List<Block> blocks)
        {
            var sections = new List<Section>();
            var order = -1;
            foreach (var block in blocks)
            {
                if (block is Heading { Level: 1 } extraTitle)
                {
                    throw new HelpFormatException(extraTitle.Line, "Only one '# <Command name>' heading is allowed per page.");
                }
                if (block is Heading { Level: 2 } heading)
                {
                    var name = heading.Text.ToUpperInvariant();
                    var index = Array.IndexOf(SectionOrder, name);
                    if (index < 0)
                    {
                        throw new HelpFormatException(heading.Line, "Unknown section '## " + heading.Text + "'; PlatyPS knows " + string.Join(", ", SectionOrder) + ".");
                    }
                    if (index <= order)
                    {
                        throw new HelpFormatException(heading.Line, "Section '## " + heading.Text + "' is out of order or repeated; the order is " + string.Join(", ", SectionOrder) + ".");
                    }
                    order = index;
                    sections.Add(new Section(name, heading.Line, new List<Block>()));
                    continue;
                }
                if (sections.Count == 0)
                {
                    throw new HelpFormatException(block.Line, "Content before '## SYNOPSIS'.");
                }
                sections[sections.Count - 1].Blocks.Add(block);
            }
            return sections;
        }

        private static void ReadSection(CommandHelp help, Section section)
        {
            switch (section.Name)
            {
                case "SYNOPSIS":
                    help.Synopsis = string.Join(" ", Paragraphs(section, section.Blocks));
                    if (help.Synopsis.Length == 0)
                    {
                        throw new HelpFormatException(section.Line, "The synopsis is empty.");
                    }
                    break;
                case "SYNTAX":
                    ReadSyntax(help, section);
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(Paragraphs(section, section.Blocks));
                    if (help.Description.Count == 0)
                    {
                        throw new HelpFormatException(section.Line, "The description is empty.");
                    }
                    break;
                case "EXAMPLES":
                    ReadExamples(help, section);
                    break;
                case "PARAMETERS":
                    ReadParameters(help, section);
                    break;
                case "INPUTS":
                    help.Inputs.AddRange(ReadTypes(section));
                    break;
                case "OUTPUTS":
                    help.Outputs.AddRange(ReadTypes(section));
                    break;
                case "NOTES":
                    help.Notes.AddRange(Paragraphs(section, section.Blocks));
                    break;
                default:
                    ReadLinks(help, section);
                    break;
            }
        }

        private static List<string> Paragraphs(Section section, IEnumerable<Block> blocks)
        {
            var result = new List<string>();
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case Paragraph p:
                        CheckFilledIn(p);
                        result.Add(p.Text);
                        break;
                    case Fence f:
                        throw new HelpFormatException(f.Line, "A code block is not allowed in '## " + section.Name + "' here (PlatyPS puts code only in SYNTAX, EXAMPLES and parameter metadata).");
                    case Heading h:
                        throw new HelpFormatException(h.Line, "Heading '" + h.Text + "' is not allowed in '## " + section.Name + "'.");
                }
            }
            return result;
        }

        /// <summary>New-MarkdownHelp leaves "{{ Fill ... }}" placeholders; shipping one means the page was never written.</summary>
        private static void CheckFilledIn(Paragraph p)
        {
            if (p.Text.Contains("{{", StringComparison.Ordinal) && p.Text.Contains("}}", StringComparison.Ordinal))
            {
                throw new HelpFormatException(p.Line, "A PlatyPS placeholder is still here: " + p.Text);
            }
        }

        private static void ReadSyntax(CommandHelp help, Section section)
        {
            var set = AllParameterSets;
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case Heading { Level: 3 } h:
                        set = h.Text.EndsWith("(Default)", StringComparison.Ordinal) ? h.Text.Substring(0, h.Text.Length - "(Default)".Length).Trim() : h.Text;
                        break;
                    case Fence f:
                        var text = string.Join(" ", f.Content).Trim();
                        if (!text.StartsWith(help.Name + " ", StringComparison.OrdinalIgnoreCase) && !string.Equals(text, help.Name, StringComparison.OrdinalIgnoreCase))
                        {
                            throw new HelpFormatException(f.Line, "The syntax must start with the command name " + help.Name + ".");
                        }
                        help.Syntax.Add(new SyntaxItem(set, SyntaxParameter.Matches(text.Substring(help.Name.Length)).Select(m => m.Groups[1].Value).ToList()));
                        break;
                    default:
                        throw new HelpFormatException(block.Line, "'## SYNTAX' holds only '### <Parameter set>' headings and code blocks.");
                }
            }
            if (help.Syntax.Count == 0)
            {
                throw new HelpFormatException(section.Line, "'## SYNTAX' has no code block.");
            }
        }

        private static void ReadExamples(CommandHelp help, Section section)
        {
            ExampleHelp? current = null;
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case Heading { Level: 3 } h:
                        current = new ExampleHelp(h.Text);
                        help.Examples.Add(current);
                        break;
                    case Heading h:
                        throw new HelpFormatException(h.Line, "Examples start with '### <Example title>'.");
                    case Paragraph p when current != null:
                        CheckFilledIn(p);
                        (current.Code.Count == 0 ? current.Introduction : current.Remarks).Add(p.Text);
                        break;
                    case Fence f when current != null:
                        if (current.Remarks.Count > 0)
                        {
                            throw new HelpFormatException(f.Line, "An example has one code part: put all code before the remarks.");
                        }
                        current.Code.Add(string.Join("\n", f.Content));
                        break;
                    default:
                        throw new HelpFormatException(block.Line, "Content before the first '### <Example title>'.");
                }
            }
            foreach (var example in help.Examples.Where(e => e.Code.Count == 0))
            {
                throw new HelpFormatException(section.Line, "Example '" + example.Title + "' has no code block.");
            }
        }

        private static void ReadParameters(CommandHelp help, Section section)
        {
            ParameterHelp? current = null;
            var metadataSeen = false;
            var inCommonParameters = false;
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case Heading { Level: 3 } h when h.Text.Trim('<', '>') == "CommonParameters":
                        EndParameter(current, metadataSeen, h.Line);
                        current = null;
                        inCommonParameters = true;
                        break;
                    case Heading { Level: 3 } h when h.Text.StartsWith('-'):
                        EndParameter(current, metadataSeen, h.Line);
                        current = new ParameterHelp(h.Text.Substring(1).Trim());
                        if (help.Parameters.Any(p => string.Equals(p.Name, current.Name, StringComparison.OrdinalIgnoreCase)))
                        {
                            throw new HelpFormatException(h.Line, "Parameter -" + current.Name + " is documented twice.");
                        }
                        help.Parameters.Add(current);
                        metadataSeen = false;
                        inCommonParameters = false;
                        break;
                    case Heading h:
                        throw new HelpFormatException(h.Line, "Parameters start with '### -<Name>' (or '### CommonParameters').");
                    case Paragraph when inCommonParameters:
                        break;
                    case Paragraph p when current != null && !metadataSeen:
                        CheckFilledIn(p);
                        current.Description.Add(p.Text);
                        break;
                    case Fence f when current != null && f.Language == "yaml":
                        if (metadataSeen)
                        {
                            throw new HelpFormatException(f.Line, "A second metadata block for -" + current.Name + ": parameters that differ between parameter sets are not supported by this converter.");
                        }
                        ReadMetadata(current, f);
                        metadataSeen = true;
                        break;
                    default:
                        throw new HelpFormatException(block.Line, current is null
                            ? "Content before the first '### -<Name>'."
                            : "Under '### -" + current.Name + "' come the description paragraphs, then one ```yaml metadata block.");
                }
            }
            EndParameter(current, metadataSeen, section.Line);
        }

        private static void EndParameter(ParameterHelp? parameter, bool metadataSeen, int line)
        {
            if (parameter is null)
            {
                return;
            }
            if (!metadataSeen)
            {
                throw new HelpFormatException(line, "Parameter -" + parameter.Name + " has no ```yaml metadata block.");
            }
            if (parameter.Description.Count == 0)
            {
                throw new HelpFormatException(line, "Parameter -" + parameter.Name + " has no description.");
            }
        }

        private static void ReadMetadata(ParameterHelp parameter, Fence fence)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < fence.Content.Count; i++)
            {
                var line = fence.Content[i];
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new HelpFormatException(fence.Line + 1 + i, "Metadata lines are 'Key: Value'.");
                }
                var key = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1).Trim();
                seen.Add(key);
                switch (key.ToUpperInvariant())
                {
                    case "TYPE":
                        parameter.Type = value;
                        break;
                    case "PARAMETER SETS":
                        parameter.ParameterSets = List(value);
                        break;
                    case "ALIASES":
                        parameter.Aliases = value.Equals("None", StringComparison.OrdinalIgnoreCase) ? new List<string>() : List(value);
                        break;
                    case "ACCEPTED VALUES":
                        parameter.AcceptedValues = List(value);
                        break;
                    case "REQUIRED":
                        parameter.Required = Bool(value, fence.Line + 1 + i);
                        break;
                    case "POSITION":
                        if (!value.Equals("Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                        {
                            throw new HelpFormatException(fence.Line + 1 + i, "Position is 'Named' or a number.");
                        }
                        parameter.Position = value.ToLowerInvariant();
                        break;
                    case "DEFAULT VALUE":
                        parameter.DefaultValue = value;
                        break;
                    case "ACCEPT PIPELINE INPUT":
                        if (!Regex.IsMatch(value, @"^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase))
                        {
                            throw new HelpFormatException(fence.Line + 1 + i, "Accept pipeline input is 'False' or 'True (ByPropertyName, ByValue)'.");
                        }
                        parameter.PipelineInput = value;
                        break;
                    case "ACCEPT WILDCARD CHARACTERS":
                        parameter.Globbing = Bool(value, fence.Line + 1 + i);
                        break;
                    default:
                        throw new HelpFormatException(fence.Line + 1 + i, "Unknown metadata key '" + key + "'.");
                }
            }
            foreach (var key in new[] { "Type", "Required", "Position", "Default value", "Accept pipeline input" }.Where(k => !seen.Contains(k)))
            {
                throw new HelpFormatException(fence.Line, "Metadata of -" + parameter.Name + " lacks '" + key + ":'.");
            }
        }

        private static List<string> List(string value) =>
            value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

        private static bool Bool(string value, int line) => value.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw new HelpFormatException(line, "Expected True or False, found '" + value + "'."),
        };

        private static List<TypeHelp> ReadTypes(Section section)
        {
            var types = new List<TypeHelp>();
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case Heading { Level: 3 } h:
                        types.Add(new TypeHelp(h.Text));
                        break;
                    case Paragraph p when types.Count > 0:
                        CheckFilledIn(p);
                        types[types.Count - 1].Description.Add(p.Text);
                        break;
                    default:
                        throw new HelpFormatException(block.Line, "'## " + section.Name + "' holds '### <Type name>' headings, each followed by its description.");
                }
            }
            return types;
        }

        private static void ReadLinks(CommandHelp help, Section section)
        {
            foreach (var text in Paragraphs(section, section.Blocks))
            {
                var matches = Link.Matches(text);
                if (matches.Count == 0)
                {
                    throw new HelpFormatException(section.Line, "'## RELATED LINKS' holds links written as [text](uri): '" + text + "'.");
                }
                help.Links.AddRange(matches.Select(m => new RelatedLink(m.Groups[1].Value, m.Groups[2].Value)));
            }
        }

        /// <summary>The syntax lines and the parameter pages must name the same parameters.</summary>
        private static void Validate(CommandHelp help, int line)
        {
            var documented = new HashSet<string>(help.Parameters.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
            var inSyntax = new HashSet<string>(help.Syntax.SelectMany(s => s.ParameterNames), StringComparer.OrdinalIgnoreCase);
            var undocumented = inSyntax.Where(n => !documented.Contains(n)).ToList();
            if (undocumented.Count > 0)
            {
                throw new HelpFormatException(line, "The syntax lists parameters with no '### -Name' page: " + string.Join(", ", undocumented) + ".");
            }
            var missingFromSyntax = documented.Where(n => !inSyntax.Contains(n)).ToList();
            if (missingFromSyntax.Count > 0)
            {
                throw new HelpFormatException(line, "Documented parameters missing from the syntax: " + string.Join(", ", missingFromSyntax) + ".");
            }
        }
    }
}
