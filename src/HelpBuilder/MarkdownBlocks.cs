using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Markdig;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpBuilder
{
    /// <summary>
    /// The page as PlatyPS sees it, read with Markdig: headings, fenced code and text, grouped into level-2 sections;
    /// and the 'Key: Value' YAML of the front matter and of parameter metadata.
    /// </summary>
    internal static class MarkdownBlocks
    {
        public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

        public abstract record Block(int Line);

        public sealed record Heading(int Line, int Level, string Text) : Block(Line);

        /// <summary>The text as written, its lines joined: PlatyPS keeps inline markdown (links, emphasis) in the MAML.</summary>
        public sealed record Paragraph(int Line, string Text) : Block(Line);

        public sealed record Fence(int Line, string Language, IReadOnlyList<string> Code) : Block(Line);

        public sealed record Section(string Name, int Line, List<Block> Blocks);

        public sealed record YamlEntry(string Key, string Value, int Line);

        /// <summary>
        /// Markdig's blocks as PlatyPS sees them: headings, fenced code, and text; each list item is a paragraph of
        /// its own that keeps its bullet, and anything else (a quote, indented or HTML text) is text as written.
        /// </summary>
        public static IEnumerable<Block> FromMarkdig(string markdown, Markdig.Syntax.Block block)
        {
            var line = block.Line + 1;
            switch (block)
            {
                case ListBlock or ListItemBlock:
                    return ((ContainerBlock)block).SelectMany(child => FromMarkdig(markdown, child));
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

        public static List<string> CodeLines(LeafBlock block) => block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString().TrimEnd()).ToList();

        /// <summary>New-MarkdownHelp leaves "{{ Fill ... }}" placeholders; shipping one means the page was never written.</summary>
        private static Paragraph CheckFilledIn(Paragraph p) =>
            p.Text.Contains("{{", StringComparison.Ordinal) && p.Text.Contains("}}", StringComparison.Ordinal)
                ? throw new HelpFormatException(p.Line, "A PlatyPS placeholder is still here: " + p.Text)
                : p;

        /// <summary>A YAML block of 'Key: Value' lines; <paramref name="openingLine"/> is the file line that opens it.</summary>
        public static List<YamlEntry> YamlEntries(IReadOnlyList<string> lines, int openingLine)
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
    }
}
