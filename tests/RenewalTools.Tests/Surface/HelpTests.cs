using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Tests.Harness;
using Xunit;

namespace RenewalTools.Tests.Surface
{
    /// <summary>
    /// Get-Help as users meet it: the module imported from its laid-out folder (out/RenewalTools, the folder the zip
    /// ships), help read from en-US/RenewalTools.dll-Help.xml. Parameters are enumerated from the cmdlets' metadata,
    /// so adding a parameter or a cmdlet without documenting it fails here.
    /// </summary>
    public sealed class HelpTests : IDisposable
    {
        private static readonly string[] RenewalCmdlets = { "Invoke-CvmRenewal", "Invoke-MongoDbRenewal", "Invoke-EcsRenewal" };

        private readonly PowerShellRun _ps = LaidOutModule.Import();

        public void Dispose() => _ps.Dispose();

        [Fact]
        public void Every_exported_cmdlet_has_a_synopsis_a_description_and_at_least_three_examples_with_code()
        {
            var problems = new List<string>();
            foreach (var name in ExportedCmdlets())
            {
                var help = FullHelp(name);
                var synopsis = Text(help.Properties["Synopsis"]?.Value);
                // Without MAML, Get-Help makes the synopsis from the syntax line: that counts as missing.
                if (synopsis.Length == 0 || synopsis.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase) || synopsis.StartsWith("\n", StringComparison.Ordinal))
                {
                    problems.Add(name + ": no synopsis (is en-US/RenewalTools.dll-Help.xml missing?)");
                }
                if (Paragraphs(help.Properties["description"]?.Value).Count == 0)
                {
                    problems.Add(name + ": no description");
                }
                var examples = Items(help, "examples", "example");
                if (examples.Count < 3)
                {
                    problems.Add(name + ": " + examples.Count + " example(s), at least 3 wanted");
                }
                problems.AddRange(examples.Where(e => Text(e.Properties["code"]?.Value).Trim().Length == 0).Select(e => name + ": an example without code"));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Every_public_parameter_of_every_cmdlet_is_documented_and_agrees_with_the_metadata()
        {
            var problems = new List<string>();
            foreach (var name in ExportedCmdlets())
            {
                var metadata = ParameterMetadata(name);
                var documented = Items(FullHelp(name), "parameters", "parameter")
                    .ToDictionary(p => Text(p.Properties["name"]?.Value), p => p, StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in metadata.Values)
                {
                    if (!documented.TryGetValue(parameter.Name, out var doc))
                    {
                        problems.Add(name + " -" + parameter.Name + ": not documented");
                        continue;
                    }
                    problems.AddRange(Disagreements(parameter, doc).Select(d => name + " -" + parameter.Name + ": " + d));
                }
                problems.AddRange(documented.Keys.Where(d => !metadata.ContainsKey(d)).Select(d => name + " -" + d + ": documented but the cmdlet has no such parameter"));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void The_renewal_cmdlets_are_exported_and_their_examples_show_a_runbook_a_WhatIf_review_and_a_report()
        {
            var exported = ExportedCmdlets();
            foreach (var name in RenewalCmdlets)
            {
                Assert.Contains(name, exported);
                var code = Items(FullHelp(name), "examples", "example").Select(e => Text(e.Properties["code"]?.Value)).ToList();
                Assert.Contains(code, c => c.Contains("Import-Csv", StringComparison.Ordinal) && c.Contains(name, StringComparison.Ordinal) && c.Contains("-Force", StringComparison.Ordinal));
                Assert.Contains(code, c => c.Contains("-WhatIf", StringComparison.Ordinal));
                Assert.Contains(code, c => c.Contains("Export-Csv", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void Get_Help_Examples_prints_the_examples()
        {
            var r = _ps.Invoke("Get-Help Invoke-EcsRenewal -Examples | Out-Host");
            Assert.Null(r.Terminating);
            var text = string.Join("\n", r.HostLines);
            Assert.Contains("Renews subscription (PrePaid) Alibaba Cloud ECS instances", text, StringComparison.Ordinal);
            Assert.Contains("Example 1: Renew every instance of a CSV file in a runbook", text, StringComparison.Ordinal);
            Assert.Contains("Invoke-EcsRenewal -Credential $cred -Force", text, StringComparison.Ordinal);
        }

        [Fact]
        public void About_RenewalTools_is_found_and_covers_what_unattended_runs_need()
        {
            var r = _ps.Invoke("Get-Help about_RenewalTools");
            Assert.Null(r.Terminating);
            Assert.Empty(r.Errors);
            var text = string.Join("\n", r.Output.Select(o => o.ToString()));
            Assert.StartsWith("TOPIC", text.TrimStart(), StringComparison.Ordinal);
            foreach (var heading in new[] { "CREDENTIALS", "CONFIRMATION AND UNATTENDED RUNS", "RESULTS: STATUS AND WHAT TO DO", "INSTANCE IDS", "LEGACY API CHOICES", "ECS CLIENTTOKEN AND -IDEMPOTENCYKEY", "RATE LIMITS, -THROTTLELIMIT AND RETRIES", "THE JOURNAL" })
            {
                Assert.Contains("\n" + heading + "\n", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
            }
            foreach (var status in Enum.GetNames<RenewalStatus>())
            {
                Assert.Contains("\n    " + status + "\n", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Help_says_what_Attempts_counts_and_that_a_batch_split_raises_it()
        {
            const string Counts = "Attempts counts the requests sent that carried the instance";
            foreach (var name in RenewalCmdlets)
            {
                var r = _ps.Invoke("(Get-Help " + name + ").returnValues.returnValue | ForEach-Object { $_.description.Text }");
                var outputs = string.Join("\n", r.Output.Select(o => o.ToString()));
                Assert.Contains(Counts, outputs, StringComparison.Ordinal);
                if (name != "Invoke-EcsRenewal")
                {
                    Assert.Contains("Attempts can exceed the number of resends", outputs, StringComparison.Ordinal);
                }
            }
            var about = string.Join(" ", _ps.Invoke("Get-Help about_RenewalTools").Output.Select(o => o.ToString()));
            Assert.Contains(Counts, System.Text.RegularExpressions.Regex.Replace(about, "\\s+", " "), StringComparison.Ordinal);
        }

        [Fact]
        public void Help_file_is_where_PowerShell_looks_for_a_binary_module()
        {
            var r = _ps.Invoke("(Get-Command Invoke-CvmRenewal).HelpFile; (Get-Module RenewalTools).ModuleBase");
            var helpFile = r.Output[0].ToString();
            var moduleBase = r.Output[1].ToString();
            Assert.Equal("RenewalTools.dll-Help.xml", Path.GetFileName(helpFile));
            Assert.True(File.Exists(Path.Combine(moduleBase, "en-US", "RenewalTools.dll-Help.xml")));
            Assert.True(File.Exists(Path.Combine(moduleBase, "en-US", "about_RenewalTools.help.txt")));
        }

        private static IEnumerable<string> Disagreements(ParameterMetadata parameter, PSObject doc)
        {
            var attribute = parameter.Attributes.OfType<ParameterAttribute>().First();
            if (Paragraphs(doc.Properties["description"]?.Value).Count == 0)
            {
                yield return "no description";
            }
            if (!string.Equals(Text(doc.Properties["required"]?.Value), attribute.Mandatory ? "true" : "false", StringComparison.OrdinalIgnoreCase))
            {
                yield return "Required is " + Text(doc.Properties["required"]?.Value) + ", the cmdlet says " + attribute.Mandatory;
            }
            var pipeline = Text(doc.Properties["pipelineInput"]?.Value);
            if (pipeline.Contains("ByValue", StringComparison.Ordinal) != attribute.ValueFromPipeline
                || pipeline.Contains("ByPropertyName", StringComparison.Ordinal) != attribute.ValueFromPipelineByPropertyName
                || pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase) != (attribute.ValueFromPipeline || attribute.ValueFromPipelineByPropertyName))
            {
                yield return "Accept pipeline input is '" + pipeline + "', the cmdlet says ByValue=" + attribute.ValueFromPipeline + ", ByPropertyName=" + attribute.ValueFromPipelineByPropertyName;
            }
            var position = attribute.Position == int.MinValue ? "named" : attribute.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!string.Equals(Text(doc.Properties["position"]?.Value), position, StringComparison.OrdinalIgnoreCase))
            {
                yield return "Position is " + Text(doc.Properties["position"]?.Value) + ", the cmdlet says " + position;
            }
            var aliases = Text(doc.Properties["aliases"]?.Value);
            var documentedAliases = aliases.Equals("none", StringComparison.OrdinalIgnoreCase) ? new List<string>() : aliases.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
            if (!documentedAliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase).SequenceEqual(parameter.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
            {
                yield return "Aliases are '" + aliases + "', the cmdlet has '" + string.Join(", ", parameter.Aliases) + "'";
            }
            var validValues = parameter.Attributes.OfType<ValidateSetAttribute>().SelectMany(v => v.ValidValues)
                .Concat(parameter.ParameterType.IsEnum ? Enum.GetNames(parameter.ParameterType) : Array.Empty<string>()).ToList();
            var documentedValues = ValueGroup(doc);
            if (!documentedValues.OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(validValues.OrderBy(v => v, StringComparer.Ordinal), StringComparer.Ordinal))
            {
                yield return "Accepted values are '" + string.Join(", ", documentedValues) + "', the cmdlet accepts '" + string.Join(", ", validValues) + "'";
            }
        }

        private List<string> ExportedCmdlets() =>
            _ps.Invoke("(Get-Command -Module RenewalTools -CommandType Cmdlet).Name").Output.Select(o => o.ToString()).ToList();

        private Dictionary<string, ParameterMetadata> ParameterMetadata(string cmdlet)
        {
            var common = new HashSet<string>(Cmdlet.CommonParameters, StringComparer.OrdinalIgnoreCase);
            var info = (CmdletInfo)_ps.Invoke("Get-Command " + cmdlet).Output.Single().BaseObject;
            return info.Parameters.Values.Where(p => !common.Contains(p.Name)).ToDictionary(p => p.Name, p => p, StringComparer.OrdinalIgnoreCase);
        }

        private PSObject FullHelp(string cmdlet)
        {
            var r = _ps.Invoke("Get-Help " + cmdlet + " -Full");
            Assert.Null(r.Terminating);
            return r.Output.Single();
        }

        private static List<string> ValueGroup(PSObject doc)
        {
            var group = doc.Properties["parameterValueGroup"]?.Value as PSObject;
            return group is null ? new List<string>() : Items(group, "parameterValue").Select(Text).ToList();
        }

        /// <summary>help.parent.child as a list: MAML help nests single items without an array.</summary>
        private static List<PSObject> Items(PSObject help, string parent, string child) =>
            help.Properties[parent]?.Value is PSObject p ? Items(p, child) : new List<PSObject>();

        private static List<PSObject> Items(PSObject parent, string child) => parent.Properties[child]?.Value switch
        {
            null => new List<PSObject>(),
            object[] many => many.Select(PSObject.AsPSObject).ToList(),
            PSObject one when one.BaseObject is object[] wrapped => wrapped.Select(PSObject.AsPSObject).ToList(),
            var one => new List<PSObject> { PSObject.AsPSObject(one) },
        };

        private static List<string> Paragraphs(object? description)
        {
            var items = description switch
            {
                null => Array.Empty<object>(),
                object[] many => many,
                PSObject one when one.BaseObject is object[] wrapped => wrapped,
                var one => new[] { one },
            };
            return items.Select(i => Text(PSObject.AsPSObject(i).Properties["Text"]?.Value)).Where(t => t.Trim().Length > 0).ToList();
        }

        private static string Text(object? value) => value switch
        {
            null => "",
            PSObject p when p.BaseObject is string s => s,
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>A runspace with the module imported from out/RenewalTools, as it is installed and packaged.</summary>
    internal static class LaidOutModule
    {
        public static string Manifest => Path.Combine(RepoPaths.ModuleOutput, "RenewalTools.psd1");

        public static PowerShellRun Import()
        {
            var ps = new PowerShellRun(importModule: false);
            var r = ps.Invoke("Import-Module '" + Manifest + "' -ErrorAction Stop");
            if (r.Terminating != null || r.Errors.Count > 0)
            {
                ps.Dispose();
                throw new InvalidOperationException("Import-Module failed: " + r.Terminating + string.Join("; ", r.Errors));
            }
            return ps;
        }
    }
}
