using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace RenewalTools.Cmdlets
{
    /// <summary>Tab completion of -Policy with the module's names (each cloud's own spellings are accepted too).</summary>
    public sealed class PolicyCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AutoRenewPolicies.Names.Select(p => p.Key)
                .Where(name => name.StartsWith(wordToComplete ?? "", System.StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }
}
