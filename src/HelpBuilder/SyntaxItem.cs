using System.Collections.Generic;

namespace HelpBuilder
{
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
}
