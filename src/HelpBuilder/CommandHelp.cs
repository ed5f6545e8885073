using System.Collections.Generic;

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
}
