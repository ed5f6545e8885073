using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using HelpBuilder;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>The markdown-to-MAML converter that stands in for PlatyPS's New-ExternalHelp in the build.</summary>
    public sealed class HelpBuilderTests
    {
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private const string Page = @"---
external help file: Sample.dll-Help.xml
Module Name: Sample
online version:
schema: 2.0.0
---

# Set-Sample

## SYNOPSIS
Sets a sample.

## SYNTAX

```
Set-Sample [-Name] <String[]> [-Mode <String>] [-Force] [<CommonParameters>]
```

## DESCRIPTION
First paragraph
wrapped over two lines.

- a list item
- another item

## EXAMPLES

### Example 1: Set one
```powershell
# a comment line, not a heading
'a' | Set-Sample -Force
```

What it does.

### Example 2: Set two
Before the code.

```powershell
Set-Sample -Name a, b
```

## PARAMETERS

### -Force
Skips the prompt.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### -Mode
The mode.

```yaml
Type: String
Parameter Sets: (All)
Aliases: M
Accepted values: Fast, Slow

Required: False
Position: Named
Default value: Fast
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Name
The names.

```yaml
Type: String[]
Parameter Sets: (All)
Aliases: Id, Names

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String[]
Names.

## OUTPUTS

### System.Object
Whatever.

## NOTES
A note.

## RELATED LINKS

[about_Sample]()

[Online](https://example.invalid/sample)
";

        private static XElement Convert(string markdown) =>
            XDocument.Parse(Program.Serialize(new[] { MarkdownHelpReader.Read(markdown) })).Root!.Element(Command + "command")!;

        private static XElement Parameter(XElement command, string name) =>
            command.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == name);

        [Fact]
        public void Details_description_and_notes_become_maml()
        {
            var command = Convert(Page);
            var details = command.Element(Command + "details")!;
            Assert.Equal("Set-Sample", details.Element(Command + "name")!.Value);
            Assert.Equal("Set", details.Element(Command + "verb")!.Value);
            Assert.Equal("Sample", details.Element(Command + "noun")!.Value);
            Assert.Equal("Sets a sample.", details.Element(Maml + "description")!.Element(Maml + "para")!.Value);
            Assert.Equal(
                new[] { "First paragraph wrapped over two lines.", "- a list item", "- another item" },
                command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value).ToArray());
            Assert.Equal("A note.", command.Element(Maml + "alertSet")!.Element(Maml + "alert")!.Element(Maml + "para")!.Value);
        }

        [Fact]
        public void Parameters_carry_the_yaml_metadata_as_Get_Help_reads_it()
        {
            var command = Convert(Page);
            var name = Parameter(command, "Name");
            Assert.Equal("true", name.Attribute("required")!.Value);
            Assert.Equal("true", name.Attribute("variableLength")!.Value);
            Assert.Equal("true", name.Attribute("globbing")!.Value);
            Assert.Equal("True (ByPropertyName, ByValue)", name.Attribute("pipelineInput")!.Value);
            Assert.Equal("0", name.Attribute("position")!.Value);
            Assert.Equal("Id, Names", name.Attribute("aliases")!.Value);
            Assert.Equal("The names.", name.Element(Maml + "description")!.Element(Maml + "para")!.Value);
            Assert.Equal("String[]", name.Element(Command + "parameterValue")!.Value);
            Assert.Equal("String[]", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal("None", name.Element(Dev + "defaultValue")!.Value);

            var mode = Parameter(command, "Mode");
            Assert.Equal("false", mode.Attribute("required")!.Value);
            Assert.Equal("named", mode.Attribute("position")!.Value);
            Assert.Equal("M", mode.Attribute("aliases")!.Value);
            Assert.Equal("Fast", mode.Element(Dev + "defaultValue")!.Value);
            Assert.Equal(new[] { "Fast", "Slow" }, mode.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value).ToArray());

            var force = Parameter(command, "Force");
            Assert.Equal("none", force.Attribute("aliases")!.Value);
            Assert.Equal("False", force.Attribute("pipelineInput")!.Value);
            Assert.Equal(3, command.Element(Command + "parameters")!.Elements().Count());
        }

        [Fact]
        public void Syntax_follows_the_syntax_block_and_shows_switches_without_a_value()
        {
            var item = Convert(Page).Element(Command + "syntax")!.Elements(Command + "syntaxItem").Single();
            Assert.Equal("Set-Sample", item.Element(Maml + "name")!.Value);
            var parameters = item.Elements(Command + "parameter").ToList();
            Assert.Equal(new[] { "Name", "Mode", "Force" }, parameters.Select(p => p.Element(Maml + "name")!.Value).ToArray());
            Assert.Null(parameters[2].Element(Command + "parameterValue"));
            Assert.Equal("String[]", parameters[0].Element(Command + "parameterValue")!.Value);
        }

        [Fact]
        public void Examples_keep_code_with_comment_lines_and_split_introduction_from_remarks()
        {
            var examples = Convert(Page).Element(Command + "examples")!.Elements(Command + "example").ToList();
            Assert.Equal(2, examples.Count);
            Assert.Equal("-------------------------- Example 1: Set one --------------------------", examples[0].Element(Maml + "title")!.Value);
            Assert.Equal("# a comment line, not a heading\n'a' | Set-Sample -Force", examples[0].Element(Dev + "code")!.Value);
            Assert.Equal("What it does.", examples[0].Element(Dev + "remarks")!.Element(Maml + "para")!.Value);
            Assert.Equal("Before the code.", examples[1].Element(Maml + "introduction")!.Element(Maml + "para")!.Value);
            Assert.Empty(examples[1].Element(Dev + "remarks")!.Elements());
        }

        [Fact]
        public void Inputs_outputs_and_links_are_written()
        {
            var command = Convert(Page);
            Assert.Equal("System.String[]", command.Element(Command + "inputTypes")!.Element(Command + "inputType")!.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal("Whatever.", command.Element(Command + "returnValues")!.Element(Command + "returnValue")!.Element(Maml + "description")!.Element(Maml + "para")!.Value);
            var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").ToList();
            Assert.Equal(new[] { "about_Sample", "Online" }, links.Select(l => l.Element(Maml + "linkText")!.Value).ToArray());
            Assert.Equal("https://example.invalid/sample", links[1].Element(Maml + "uri")!.Value);
        }

        [Theory]
        [InlineData("## DESCRIPTION\nFirst paragraph", "## DESCRIPTION\n## DESCRIPTION\nFirst paragraph", "out of order or repeated")]
        [InlineData("## SYNOPSIS\nSets a sample.", "## SYNOPSIS\n{{ Fill in the Synopsis }}", "placeholder")]
        [InlineData("[-Mode <String>] ", "[-Mode <String>] [-Other <String>] ", "no '### -Name' page: Other")]
        [InlineData(" [-Mode <String>]", "", "missing from the syntax: Mode")]
        [InlineData("### -Mode\nThe mode.\n", "### -Mode\n", "has no description")]
        [InlineData("## NOTES\nA note.", "## REMARKS\nA note.", "Unknown section")]
        [InlineData("Required: True", "Required: yes", "Expected True or False")]
        [InlineData("Position: 0", "Position: first", "Position is")]
        [InlineData("Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: sometimes", "Accept pipeline input is")]
        [InlineData("## EXAMPLES\n", "", "Section '## EXAMPLES' is missing")]
        [InlineData("schema: 2.0.0\n---\n", "schema: 2.0.0\n\n", "must start with PlatyPS front matter")]
        [InlineData("## NOTES\nA note.", "## NOTES\nA note.\n---", "Headings are written with '#'")]
        [InlineData("Default value: Fast", "Default value: @Fast", "Not valid YAML")]
        [InlineData("Aliases: M\n", "Aliases: [M]\n", "plain text value")]
        [InlineData("Position: Named\nDefault value: Fast", "Position: Named\nDefault: Fast", "Unknown metadata key 'Default'")]
        public void Pages_PlatyPS_would_reject_fail_with_the_line_to_fix(string find, string replace, string expected)
        {
            Assert.Contains(find, Page, StringComparison.Ordinal);
            var broken = find == "## EXAMPLES\n" ? Page.Substring(0, Page.IndexOf("## EXAMPLES", StringComparison.Ordinal)) + Page.Substring(Page.IndexOf("## PARAMETERS", StringComparison.Ordinal)) : Page.Replace(find, replace, StringComparison.Ordinal);
            var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Read(broken));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.True(error.Line > 0);
        }

        [Theory]
        [InlineData("Required: True", "Required: yes")]
        [InlineData("Default value: Fast", "Default value: @Fast")]
        public void Metadata_errors_point_at_the_line_of_the_key(string find, string replace)
        {
            var broken = Page.Replace(find, replace, StringComparison.Ordinal);
            var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Read(broken));
            Assert.Equal(broken.Split('\n').ToList().IndexOf(replace) + 1, error.Line);
        }

        [Fact]
        public void Windows_line_endings_give_the_same_help()
        {
            Assert.Equal(Convert(Page).ToString(), Convert(Page.Replace("\n", "\r\n", StringComparison.Ordinal)).ToString());
        }

        [Fact]
        public void An_unclosed_code_fence_is_reported_where_it_opens()
        {
            var broken = Page.Replace("Set-Sample -Name a, b\n```", "Set-Sample -Name a, b", StringComparison.Ordinal);
            broken = broken.Substring(0, broken.IndexOf("## PARAMETERS", StringComparison.Ordinal));
            var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Read(broken));
            Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
            Assert.Equal(broken.Split('\n').ToList().FindLastIndex(l => l == "```powershell") + 1, error.Line);
        }

        [Fact]
        public void The_folder_conversion_reports_errors_in_MSBuild_form_and_skips_about_topics_and_module_pages()
        {
            var folder = Path.Combine(Path.GetTempPath(), "HelpBuilderTests." + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                File.WriteAllText(Path.Combine(folder, "Set-Sample.md"), Page);
                File.WriteAllText(Path.Combine(folder, "about_Sample.md"), "# about_Sample\nnot command help\n");
                File.WriteAllText(Path.Combine(folder, "Sample.md"), "---\nModule Name: Sample\nModule Guid: 00000000-0000-0000-0000-000000000000\n---\n# Sample Module\n");
                var (xml, errors) = Program.Convert(folder);
                Assert.Empty(errors);
                Assert.Single(XDocument.Parse(xml!).Root!.Elements(Command + "command"));

                File.WriteAllText(Path.Combine(folder, "Get-Broken.md"), Page.Replace("# Set-Sample", "# Get-Broken", StringComparison.Ordinal).Replace("## SYNOPSIS\nSets a sample.", "## SYNOPSIS\n", StringComparison.Ordinal));
                (xml, errors) = Program.Convert(folder);
                Assert.Null(xml);
                var error = Assert.Single(errors);
                Assert.Matches(@"Get-Broken\.md\(\d+\): error HELP001: The synopsis is empty\.", error);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void The_module_docs_convert_to_help_for_every_command_page()
        {
            var docs = Path.Combine(RepoPaths.Root, "docs", "en-US");
            var (xml, errors) = Program.Convert(docs);
            Assert.Empty(errors);
            var names = XDocument.Parse(xml!).Root!.Elements(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value);
            var pages = Directory.GetFiles(docs, "*.md").Select(Path.GetFileNameWithoutExtension);
            Assert.Equal(pages.OrderBy(n => n, StringComparer.Ordinal), names.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(xml, File.ReadAllText(Path.Combine(RepoPaths.ModuleOutput, "en-US", "RenewalTools.dll-Help.xml")));
        }
    }
}
