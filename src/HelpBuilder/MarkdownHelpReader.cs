using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using static HelpBuilder.MarkdownBlocks;

namespace HelpBuilder
{
    /// <summary>
    /// Reads one cmdlet page in PlatyPS v1 markdown (schema 2.0.0) with Markdig, as PlatyPS v2 does: YAML front
    /// matter, "# Name", then the level-2 sections in PlatyPS's fixed order. Anything PlatyPS would misplace is an
    /// error here, so the markdown stays buildable by New-ExternalHelp as well.
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

        /// <summary>The front matter's keys and values; empty when the file has none.</summary>
        public static Dictionary<string, string> FrontMatter(string markdown)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Markdown.Parse(markdown, Pipeline).FirstOrDefault() is YamlFrontMatterBlock frontMatter)
            {
                foreach (var entry in YamlEntries(CodeLines(frontMatter), frontMatter.Line + 1))
                {
                    result[entry.Key] = entry.Value;
                }
            }
            return result;
        }

        public static CommandHelp Read(string markdown)
        {
            var document = Markdown.Parse(markdown, Pipeline);
            if (document.FirstOrDefault() is not YamlFrontMatterBlock)
            {
                throw new HelpFormatException(1, "The page must start with PlatyPS front matter ('---', 'schema: 2.0.0', ..., '---').");
            }
            var blocks = document.Skip(1).SelectMany(block => FromMarkdig(markdown, block)).ToList();
            if (blocks.Count == 0 || blocks[0] is not Heading { Level: 1 } title)
            {
                throw new HelpFormatException(blocks.Count == 0 ? markdown.Split('\n').Length : blocks[0].Line, "The page must start (after the front matter) with '# <Command name>'.");
            }
            var help = new CommandHelp(title.Text);
            var sections = SplitSections(blocks.Skip(1));
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

        private static List<Section> SplitSections(IEnumerable<Block> blocks)
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
                    help.Synopsis = string.Join(" ", Paragraphs(section, "The synopsis is empty."));
                    break;
                case "SYNTAX":
                    ReadSyntax(help, section);
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(Paragraphs(section, "The description is empty."));
                    break;
                case "EXAMPLES":
                    ReadExamples(help, section);
                    break;
                case "PARAMETERS":
                    ParametersSectionReader.Read(help, section);
                    break;
                case "INPUTS":
                    help.Inputs.AddRange(ReadTypes(section));
                    break;
                case "OUTPUTS":
                    help.Outputs.AddRange(ReadTypes(section));
                    break;
                case "NOTES":
                    help.Notes.AddRange(Paragraphs(section));
                    break;
                default:
                    ReadLinks(help, section);
                    break;
            }
        }

        private static List<string> Paragraphs(Section section, string? errorIfEmpty = null)
        {
            var result = new List<string>();
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case Paragraph p:
                        result.Add(p.Text);
                        break;
                    case Fence f:
                        throw new HelpFormatException(f.Line, "A code block is not allowed in '## " + section.Name + "' here (PlatyPS puts code only in SYNTAX, EXAMPLES and parameter metadata).");
                    case Heading h:
                        throw new HelpFormatException(h.Line, "Heading '" + h.Text + "' is not allowed in '## " + section.Name + "'.");
                }
            }
            return result.Count == 0 && errorIfEmpty != null ? throw new HelpFormatException(section.Line, errorIfEmpty) : result;
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
                        var text = string.Join(" ", f.Code).Trim();
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
                        (current.Code.Count == 0 ? current.Introduction : current.Remarks).Add(p.Text);
                        break;
                    case Fence f when current != null:
                        if (current.Remarks.Count > 0)
                        {
                            throw new HelpFormatException(f.Line, "An example has one code part: put all code before the remarks.");
                        }
                        current.Code.Add(string.Join("\n", f.Code));
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
            foreach (var text in Paragraphs(section))
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
