using System.Collections.Generic;

namespace HelpBuilder
{
    internal sealed class TypeHelp
    {
        public TypeHelp(string typeName)
        {
            TypeName = typeName;
        }

        public string TypeName { get; }
        public List<string> Description { get; } = new List<string>();
    }
}
