using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using RenewalTools.Engine;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>
    /// Every message that names one of the module's commands names it as Get-Command does (Get-MongoDbInstance, never
    /// Get-MongoDBInstance): checked over every string literal compiled into the shipped assemblies.
    /// </summary>
    public sealed class CommandNameTests
    {
        private static readonly string[] ShippedAssemblies = { "RenewalTools.dll", "RenewalTools.Engine.dll" };
        private static readonly string[] Services = { "CVM", "MongoDB", "ECS" };

        // A PowerShell approved verb, a hyphen, then the noun (possibly empty: a name about to be concatenated).
        private static readonly Regex CommandToken = new Regex("(?<![A-Za-z0-9-])(?<verb>[A-Z][a-z]+)-(?<noun>[A-Za-z0-9]*)", RegexOptions.CultureInvariant);

        private static readonly Lazy<HashSet<string>> Exported = new Lazy<HashSet<string>>(() =>
        {
            using var ps = LaidOutModule.Import();
            var r = ps.Invoke("(Get-Command -Module RenewalTools).Name");
            Assert.Null(r.Terminating);
            return new HashSet<string>(r.Output.Select(o => o.ToString()), StringComparer.Ordinal);
        });

        [Fact]
        public void Every_command_a_shipped_string_names_is_exported_with_that_exact_spelling()
        {
            var verbs = ApprovedVerbs();
            var named = new List<string>();
            var wrong = new List<string>();
            foreach (var (assembly, literal) in ShippedAssemblies.SelectMany(a => UserStrings(Path.Combine(RepoPaths.ModuleOutput, a)).Select(s => (a, s))))
            {
                foreach (Match token in CommandToken.Matches(literal))
                {
                    if (!verbs.Contains(token.Groups["verb"].Value))
                    {
                        continue;
                    }
                    named.Add(token.Value);
                    if (token.Groups["noun"].Length == 0)
                    {
                        wrong.Add(assembly + ": \"" + literal + "\" builds a command name by concatenation; use CommandNames");
                    }
                    else if (!Exported.Value.Contains(token.Value))
                    {
                        wrong.Add(assembly + ": \"" + literal + "\" names " + token.Value + ", which the module does not export");
                    }
                }
            }
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
            // The scan reads real messages: CommandNames' own table is among them.
            Assert.Contains("Get-MongoDbInstance", named);
        }

        [Theory]
        [InlineData("CVM")]
        [InlineData("MongoDB")]
        [InlineData("ECS")]
        public void CommandNames_gives_each_service_commands_the_module_exports(string service)
        {
            Assert.Contains(CommandNames.GetInstance(service), Exported.Value);
            Assert.Contains(CommandNames.InvokeRenewal(service), Exported.Value);
            Assert.Contains(CommandNames.GetRenewalQuote(service), Exported.Value);
        }

        [Fact]
        public void CommandNames_covers_every_exported_per_service_command()
        {
            var perService = Exported.Value.Where(n => Regex.IsMatch(n, "^(Get-\\w+Instance|Invoke-\\w+Renewal|Get-\\w+RenewalQuote)$", RegexOptions.CultureInvariant));
            var mapped = Services.SelectMany(s => new[] { CommandNames.GetInstance(s), CommandNames.InvokeRenewal(s), CommandNames.GetRenewalQuote(s) });
            Assert.Equal(perService.OrderBy(n => n, StringComparer.Ordinal), mapped.OrderBy(n => n, StringComparer.Ordinal));
        }

        /// <summary>The verbs of PowerShell's Verbs* classes (what Get-Verb lists).</summary>
        private static HashSet<string> ApprovedVerbs() => new HashSet<string>(
            typeof(VerbsCommon).Assembly.GetExportedTypes()
                .Where(t => t.Namespace == typeof(VerbsCommon).Namespace && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!),
            StringComparer.Ordinal);

        /// <summary>Every string literal compiled into <paramref name="path"/> (the #US heap).</summary>
        private static IEnumerable<string> UserStrings(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var strings = new List<string>();
            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
            {
                strings.Add(metadata.GetUserString(handle));
            }
            Assert.NotEmpty(strings);
            return strings;
        }
    }
}
