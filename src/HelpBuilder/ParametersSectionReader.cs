using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using static HelpBuilder.MarkdownBlocks;

namespace HelpBuilder
{
    /// <summary>
    /// Reads '## PARAMETERS': for each '### -Name', its description paragraphs, then one ```yaml metadata block whose
    /// keys and values PlatyPS could also read.
    /// </summary>
    internal static class ParametersSectionReader
    {
        private static readonly string[] RequiredMetadata = { "Type", "Required", "Position", "Default value", "Accept pipeline input" };

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

        public static void Read(CommandHelp help, Section section)
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

        private static List<string> List(string value) =>
            value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

        private static bool Bool(string value, int line) => value.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw new HelpFormatException(line, "Expected True or False, found '" + value + "'."),
        };
    }
}
