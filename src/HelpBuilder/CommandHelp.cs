using System.Collections.Generic;
using System.Linq;

namespace HelpBuilder
{
    /// <summary>One cmdlet's help as the PlatyPS v1 markdown describes it.</summary>
    internal sealed class CommandHelp
    {
        public CommandHelp(string name)
        {
            Name = name;
        }

        public string Name { get; }
        public string Synopsis { get; set; } = "";
        /// <summary>Parameter names in the order the SYNTAX block lists them, per parameter set.</summary>
        public List<SyntaxItem> Syntax { get; } = new List<SyntaxItem>();
        public List<string> Description { get; } = new List<string>();
        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();
        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();
        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();
        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();
        public List<string> Notes { get; } = new List<string>();
        public List<RelatedLink> Links { get; } = new List<RelatedLink>();
    }

    internal sealed class SyntaxItem
    {
        public SyntaxItem(string parameterSet, IReadOnlyList<string> parameterNames)
        {
            ParameterSet = parameterSet;
            ParameterNames = parameterNames;
        }

        /// <summary>"__AllParameterSets" when the markdown names no set.</summary>
        public string ParameterSet { get; }
        public IReadOnlyList<string> ParameterNames { get; }
    }

    internal sealed class ExampleHelp
    {
        public ExampleHelp(string title)
        {
            Title = title;
        }

        public string Title { get; }
        public List<string> Introduction { get; } = new List<string>();
        public List<string> Code { get; } = new List<string>();
        public List<string> Remarks { get; } = new List<string>();
    }

    internal sealed class ParameterHelp
    {
        public ParameterHelp(string name)
        {
            Name = name;
        }

        public string Name { get; }
        public List<string> Description { get; } = new List<string>();
        public string Type { get; set; } = "Object";
        /// <summary>"(All)" or the set names.</summary>
        public IReadOnlyList<string> ParameterSets { get; set; } = new[] { "(All)" };
        public IReadOnlyList<string> Aliases { get; set; } = new List<string>();
        public IReadOnlyList<string> AcceptedValues { get; set; } = new List<string>();
        public bool Required { get; set; }
        /// <summary>"named" or the position number.</summary>
        public string Position { get; set; } = "named";
        public string DefaultValue { get; set; } = "None";
        /// <summary>As PlatyPS writes it: "False" or "True (ByPropertyName, ByValue)".</summary>
        public string PipelineInput { get; set; } = "False";
        public bool Globbing { get; set; }

        public bool IsSwitch => Type == "SwitchParameter";

        public bool InSet(string parameterSet) =>
            ParameterSets.Contains("(All)") || parameterSet == "__AllParameterSets" || ParameterSets.Contains(parameterSet);
    }

    internal sealed class TypeHelp
    {
        public TypeHelp(string typeName)
        {
            TypeName = typeName;
        }

        public string TypeName { get; }
        public List<string> Description { get; } = new List<string>();
    }

    internal sealed class RelatedLink
    {
        public RelatedLink(string text, string uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }
        public string Uri { get; }
    }
}
