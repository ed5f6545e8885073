using System;
using System.Collections.Generic;
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

        private static readonly string[] RequiredMetadata = { "Type", "Required", "Position", "Default value", "Accept pipeline input" };

        private static readonly Regex SyntaxParameter = new Regex(@"(?<![\w-])-([A-Za-z]\w*)", RegexOptions.CultureInvariant);
        private static readonly Regex Link = new Regex(@"\[([^\]]+)\]\(([^)\s]*)\)", RegexOptions.CultureInvariant);
        private static readonly Regex PipelineInput = new Regex(@"^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>What each key of a parameter's ```yaml block sets; a value PlatyPS could not read is an error on its line.</summary>
        private static readonly Dictionary<string, Action<ParameterHelp, string, int>> MetadataKeys = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Type"] = (parameter, value, _) => parameter.Type = value,
            ["Parameter Sets"] = (parameter, value, _) => parameter.ParameterSets = List(value),
            ["Aliases"] = (parameter, value, _) => parameter.Aliases = value.Equals("None", StringComparison.OrdinalIgnoreCase) ? [] : List(value),
            ["Accepted values"] = (parameter, value, _) => parameter.AcceptedValues = List(value),
            ["Required"] = (parameter, value, line) => parameter.Required = Bool(value, line),
            ["Position"] = (parameter, value, line) => parameter.Position =
                value.Equals("Named", StringComparison.OrdinalIgnoreCase) || int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                    ? value.ToLowerInvariant()
                    : throw new HelpFormatException(line, "Position is 'Named' or a number."),
            ["Default value"] = (parameter, value, _) => parameter.DefaultValue = value,
            ["Accept pipeline input"] = (parameter, value, line) => parameter.PipelineInput = PipelineInput.IsMatch(value)
                ? value
                : throw new HelpFormatException(line, "Accept pipeline input is 'False' or 'True (ByPropertyName, ByValue)'."),
            ["Accept wildcard characters"] = (parameter, value, line) => parameter.Globbing = Bool(value, line),
        };

        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

        private abstract record Block(int Line);

        private sealed record Heading(int Line, int Level, string Text) : Block(Line);

        /// <summary>The text as written, its lines joined: PlatyPS keeps inline markdown (links, emphasis) in the MAML.</summary>
        private sealed record Paragraph(int Line, string Text) : Block(Line);

        private sealed record Fence(int Line, string Language, IReadOnlyList<string> Code) : Block(Line);

        private sealed record Section(string Name, int Line, List<Block> Blocks);

        private sealed record YamlEntry(string Key, string Value, int Line);

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
            var blocks = document.Skip(1).SelectMany(block => Blocks(markdown, block)).ToList();
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

        /// <summary>
        /// Markdig's blocks as PlatyPS sees them: headings, fenced code, and text; each list item is a paragraph of
        /// its own that keeps its bullet, and anything else (a quote, indented or HTML text) is text as written.
        /// </summary>
        private static IEnumerable<Block> Blocks(string markdown, Markdig.Syntax.Block block)
        {
            var line = block.Line + 1;
            switch (block)
            {
                case ListBlock or ListItemBlock:
                    return ((ContainerBlock)block).SelectMany(child => Blocks(markdown, child));
                case HeadingBlock { IsSetext: true }:
                    throw new HelpFormatException(line, "Headings are written with '#': a line of '-' or '=' under text makes that text a heading.");
                case HeadingBlock heading:
                    return new[] { new Heading(line, heading.Level, markdown.Substring(heading.Span.Start, heading.Span.Length).TrimStart('#').Trim()) };
                case FencedCodeBlock { ClosingFencedCharCount: 0 }:
                    throw new HelpFormatException(line, "The code fence opened here is never closed.");
                case FencedCodeBlock fence:
                    return new[] { new Fence(line, fence.Info ?? "", CodeLines(fence)) };
                default:
                    // The first paragraph of a list item starts at the item, so it keeps the bullet.
                    var start = block.Parent is ListItemBlock item && item[0] == block ? item.Span.Start : block.Span.Start;
                    var text = markdown.Substring(start, block.Span.End + 1 - start).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
                    return new[] { CheckFilledIn(new Paragraph(line, string.Join(" ", text))) };
            }
        }

        private static List<string> CodeLines(LeafBlock block) => block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString().TrimEnd()).ToList();

        /// <summary>New-MarkdownHelp leaves "{{ Fill ... }}" placeholders; shipping one means the page was never written.</summary>
        private static Paragraph CheckFilledIn(Paragraph p) =>
            p.Text.Contains("{{", StringComparison.Ordinal) && p.Text.Contains("}}", StringComparison.Ordinal)
                ? throw new HelpFormatException(p.Line, "A PlatyPS placeholder is still here: " + p.Text)
                : p;

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
                    ReadParameters(help, section);
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
            var metadata = YamlEntries(fence.Code, fence.Line);
            foreach (var (key, value, line) in metadata)
            {
                var apply = MetadataKeys.GetValueOrDefault(key) ?? throw new HelpFormatException(line, "Unknown metadata key '" + key + "'.");
                apply(parameter, value, line);
            }
            foreach (var key in RequiredMetadata.Where(k => !metadata.Any(m => string.Equals(m.Key, k, StringComparison.OrdinalIgnoreCase))))
            {
                throw new HelpFormatException(fence.Line, "Metadata of -" + parameter.Name + " lacks '" + key + ":'.");
            }
        }

        /// <summary>A YAML block of 'Key: Value' lines; <paramref name="openingLine"/> is the file line that opens it.</summary>
        private static List<YamlEntry> YamlEntries(IReadOnlyList<string> lines, int openingLine)
        {
            var yaml = new YamlStream();
            try
            {
                yaml.Load(new StringReader(string.Join("\n", lines)));
            }
            catch (YamlException ex)
            {
                throw new HelpFormatException(openingLine + (int)ex.Start.Line, "Not valid YAML: " + ex.Message + " (a value that holds ': ' or starts with one of * & ! @ ` | > % [ { ' \" needs quotes).");
            }
            if (yaml.Documents.Count == 0)
            {
                return [];
            }
            if (yaml.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                throw new HelpFormatException(openingLine + 1, "Metadata lines are 'Key: Value'.");
            }
            return mapping.Children.Select(entry => entry is { Key: YamlScalarNode key, Value: YamlScalarNode value }
                ? new YamlEntry(key.Value ?? "", value.Value ?? "", openingLine + (int)key.Start.Line)
                : throw new HelpFormatException(openingLine + (int)entry.Key.Start.Line, "Metadata lines are 'Key: Value', with a plain text value.")).ToList();
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
