using System.Collections.Generic;
using System.Linq;

namespace HelpBuilder
{
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
}
