using System.Collections.Generic;
using RenewalTools.Credentials;

namespace RenewalTools.Tests.Storage
{
    /// <summary>An environment of the test's own, so no variable leaks into tests running alongside.</summary>
    internal sealed class FakeEnvironment : IEnvironmentSource
    {
        private readonly IDictionary<string, string> _variables;

        public FakeEnvironment(IDictionary<string, string> variables)
        {
            _variables = variables;
        }

        public string? Variable(string name) => _variables.TryGetValue(name, out var value) ? value : null;

        public string HomeDirectory => "/nonexistent";
    }
}
