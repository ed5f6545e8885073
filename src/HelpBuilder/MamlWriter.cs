using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace HelpBuilder
{
    /// <summary>Writes command help as MAML in the shape New-ExternalHelp produces and Get-Help reads.</summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static XDocument Write(IEnumerable<CommandHelp> commands) => new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

        private static XElement CommandElement(CommandHelp help)
        {
            var dash = help.Name.IndexOf('-', StringComparison.Ordinal);
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", help.Name),
                    new XElement(Command + "verb", dash > 0 ? help.Name.Substring(0, dash) : help.Name),
                    new XElement(Command + "noun", dash > 0 ? help.Name.Substring(dash + 1) : ""),
                    Description(new[] { help.Synopsis })),
                Description(help.Description),
                new XElement(Command + "syntax", help.Syntax.Select(s => SyntaxItem(help, s))),
                new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, inSyntax: false))),
                new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
                new XElement(Command + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
                new XElement(Command + "examples", help.Examples.Select((e, i) => Example(e, i))),
                new XElement(Command + "relatedLinks", help.Links.Select(l => new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", l.Uri)))));
        }

        private static XElement SyntaxItem(CommandHelp help, SyntaxItem syntax) => new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", help.Name),
            syntax.ParameterNames
                .Select(n => help.Parameters.First(p => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase)))
                .Where(p => p.InSet(syntax.ParameterSet))
                .Select(p => Parameter(p, inSyntax: true)));

        private static XElement Parameter(ParameterHelp p, bool inSyntax)
        {
            var variableLength = p.Type.EndsWith("[]", StringComparison.Ordinal);
            var element = new XElement(Command + "parameter",
                new XAttribute("required", Lower(p.Required)),
                new XAttribute("variableLength", Lower(variableLength)),
                new XAttribute("globbing", Lower(p.Globbing)),
                new XAttribute("pipelineInput", p.PipelineInput),
                new XAttribute("position", p.Position),
                new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
                new XElement(Maml + "name", p.Name),
                Description(p.Description));
            if (p.AcceptedValues.Count > 0)
            {
                element.Add(new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v))));
            }
            // Get-Help shows a switch in syntax without a value placeholder, as PowerShell's own help does.
            if (!(inSyntax && p.IsSwitch))
            {
                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", Lower(!p.IsSwitch)), new XAttribute("variableLength", Lower(variableLength)), p.Type));
            }
            element.Add(
                new XElement(Dev + "type", new XElement(Maml + "name", p.Type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", p.DefaultValue));
            return element;
        }

        private static XElement TypeEntry(string kind, TypeHelp type) => new XElement(Command + kind,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(type.Description));

        private static XElement Example(ExampleHelp example, int index)
        {
            var title = example.Title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? example.Title : "Example " + (index + 1) + ": " + example.Title;
            return new XElement(Command + "example",
                new XElement(Maml + "title", "-------------------------- " + title + " --------------------------"),
                example.Introduction.Count == 0 ? null : new XElement(Maml + "introduction", Paras(example.Introduction)),
                new XElement(Dev + "code", string.Join("\n\n", example.Code)),
                new XElement(Dev + "remarks", Paras(example.Remarks)));
        }

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

        private static string Lower(bool value) => value ? "true" : "false";
    }
}
