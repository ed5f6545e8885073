using System.Collections.Generic;

namespace HelpBuilder
{
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
}
