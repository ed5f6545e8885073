using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// One input instance as it arrived: its ID and the row's own cells (a CSV row, a Get-*Instance object). The cmdlet
    /// reads the cells itself instead of letting PowerShell bind them, because a cell PowerShell cannot convert would
    /// drop the row without a result, and a value given on the command line would silently override every row's own.
    /// </summary>
    internal sealed class InputRow
    {
        /// <summary>The property names that carry an instance ID, in the order they are looked for.</summary>
        public static readonly string[] IdColumns = { "InstanceId", "Id", "InstanceIds" };

        /// <summary>The property names that carry a row's region.</summary>
        public static readonly string[] RegionColumns = { "Region", "RegionId" };

        private readonly PSObject? _source;

        private InputRow(string? id, PSObject? source, string? idProblem)
        {
            Id = id;
            _source = source;
            IdProblem = idProblem;
        }

        /// <summary>The raw ID (null when missing).</summary>
        public string? Id { get; }

        /// <summary>Set when the input carries no usable ID at all (no ID property).</summary>
        public string? IdProblem { get; }

        /// <summary>The first problem found in the row's cells, and its error code (InvalidInput or InputConflict).</summary>
        public string? Problem { get; private set; }

        public string ProblemCode { get; private set; } = "InvalidInput";

        public static InputRow ForId(string? id) => new InputRow(id, null, null);

        /// <summary>The inputs one pipeline object stands for: a string is an ID; an object gives one input per ID it holds.</summary>
        public static IEnumerable<InputRow> From(PSObject? input)
        {
            var value = input?.BaseObject;
            if (value is null)
            {
                yield return ForId(null);
                yield break;
            }
            if (value is string text)
            {
                yield return ForId(text);
                yield break;
            }
            var idProperty = FindProperty(input!, IdColumns);
            if (idProperty is null)
            {
                // A number piped alone is an ID; any other object without an ID property is reported by its text.
                var problem = value.GetType().IsPrimitive ? null : "The input has no InstanceId, Id or InstanceIds property, so it gives no instance ID.";
                yield return new InputRow(Shorten(input!.ToString()), input, problem);
                yield break;
            }
            var ids = idProperty.Value is PSObject wrapped ? wrapped.BaseObject : idProperty.Value;
            if (ids is IEnumerable many && !(ids is string))
            {
                foreach (var one in many)
                {
                    yield return new InputRow(Text(one), input, null);
                }
                yield break;
            }
            yield return new InputRow(Text(ids), input, null);
        }

        /// <summary>The row's own value for a setting, or null when it has no such column or the cell is blank.</summary>
        public object? Cell(IEnumerable<string> names)
        {
            if (_source is null)
            {
                return null;
            }
            var property = FindProperty(_source, names);
            var value = property?.Value is PSObject wrapped ? wrapped.BaseObject : property?.Value;
            return RenewalTools.Engine.InputRules.IsBlank(value) ? null : value;
        }

        /// <summary>Keeps the first problem: one row, one result, one clear reason.</summary>
        public void Refuse(string code, string problem)
        {
            if (Problem is null)
            {
                Problem = problem;
                ProblemCode = code;
            }
        }

        private static PSPropertyInfo? FindProperty(PSObject source, IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                var property = source.Properties[name];
                if (property != null)
                {
                    return property;
                }
            }
            return null;
        }

        private static string? Text(object? value) => value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();

        private static string Shorten(string text) => text.Length > 128 ? text.Substring(0, 128) + "…" : text;
    }
}
