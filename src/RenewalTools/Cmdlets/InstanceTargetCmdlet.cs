using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// What every cmdlet that takes instances shares (renewals, quotes, auto-renew policy): instance IDs on the command line
    /// or rows from the pipeline, each row's own settings read against the command line's. Every input becomes a request,
    /// or a refusal naming the instance and the reason.
    /// </summary>
    public abstract class InstanceTargetCmdlet : CloudCmdletBase
    {
        internal const string ByIdSet = "ById";
        internal const string ByInputSet = "ByInput";

        /// <summary>Instance IDs, given on the command line.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet)]
        [Alias("Id", "InstanceIds")]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string?[] InstanceId { get; set; } = Array.Empty<string>();

        /// <summary>
        /// What the pipeline sends: instance ID strings, CSV rows (Import-Csv) or objects with an InstanceId property. The
        /// cmdlet reads each row's own InstanceId/Id/InstanceIds, Region/RegionId and the cmdlet's other settings.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputSet)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The instances' region, for rows without a Region column.</summary>
        [Parameter]
        [Alias("RegionId")]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>Handles one input instance.</summary>
        internal abstract void ProcessInput(InputRow row);

        /// <summary>Reports an input refused before anything was sent: every input gets its one result.</summary>
        internal abstract void RefuseInput(string instanceId, string code, string problem, WriteRequest? request);

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            // A piped $null is still one input, and gets its error.
            var rows = ParameterSetName == ByInputSet
                ? InputRow.From(InputObject)
                : (InstanceId ?? new string?[] { null }).Select(InputRow.ForId);
            foreach (var row in rows)
            {
                ProcessInput(row);
            }
        }

        /// <summary>Writes an engine message (verbose, debug, warning) on the pipeline thread; false for other events.</summary>
        internal static bool WriteMessage(Cmdlet cmdlet, SessionEvent item)
        {
            switch (item.Kind)
            {
                case SessionEventKind.Verbose:
                    cmdlet.WriteVerbose(item.Text);
                    return true;
                case SessionEventKind.Debug:
                    cmdlet.WriteDebug(item.Text);
                    return true;
                case SessionEventKind.Warning:
                    cmdlet.WriteWarning(item.Text);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The request one input stands for, or null when it was refused (through RefuseInput): the ID and
        /// region, then <paramref name="fill"/> reads the action's own settings, then <paramref name="check"/> judges them.
        /// </summary>
        internal TRequest? ReadTarget<TRequest>(InputRow row, Func<string, string, TRequest> create, Action<TRequest> fill, Func<TRequest, string?> check, Func<string, string?> idShapeWarning)
            where TRequest : WriteRequest
        {
            var instanceId = InputRules.TrimPadding(row.Id);
            if ((row.IdProblem ?? InputRules.CheckInstanceId(instanceId)) is string idProblem)
            {
                RefuseInput(instanceId ?? "", "InvalidInput", idProblem, null);
                return null;
            }
            var region = TrySetting<string>(row, nameof(Region), InputRules.ParseText, out var given, InputRow.RegionColumns) && given.Length > 0 ? given : Resolver.DefaultRegion(Provider);
            var request = create(instanceId!, region ?? "");
            fill(request);
            if (row.Problem != null)
            {
                RefuseInput(request.InstanceId, row.ProblemCode, row.Problem, request);
                return null;
            }
            if ((InputRules.CheckRegion(region, RegionVariable) ?? check(request)) is string problem)
            {
                RefuseInput(request.InstanceId, "InvalidInput", problem, request);
                return null;
            }
            if (idShapeWarning(request.InstanceId) is string warning)
            {
                WriteWarning(warning);
            }
            return request;
        }

        /// <summary>
        /// One setting of one row. The row's own cell is used when it has one; a value given on the command line (or by
        /// $PSDefaultParameterValues) fills rows that lack it; a row whose own value differs from the command line's is
        /// refused with InputConflict, because silently preferring either could renew for a period nobody meant for it
        /// (issue #12). A cell that does not parse refuses the row with InvalidInput. False when no valid value is given.
        /// </summary>
        internal bool TrySetting<T>(InputRow row, string parameter, CellParser<T> parse, out T value, params string[] columns)
        {
            value = default!;
            var names = columns.Length > 0 ? columns : new[] { parameter };
            var cell = row.Cell(names);
            var onCommandLine = MyInvocation.BoundParameters.TryGetValue(parameter, out var commandLine) && !InputRules.IsBlank(commandLine);
            T fromCommandLine = default!;
            if (onCommandLine && parse(PSObject.AsPSObject(commandLine!).BaseObject, "-" + parameter, out fromCommandLine) != null)
            {
                onCommandLine = false;
            }
            if (cell is null)
            {
                value = fromCommandLine;
                return onCommandLine;
            }
            if (parse(cell, "The " + names[0] + " cell", out var fromRow) is string problem)
            {
                row.Refuse("InvalidInput", problem);
                return false;
            }
            if (onCommandLine && !EqualityComparer<T>.Default.Equals(fromRow, fromCommandLine))
            {
                row.Refuse("InputConflict", "The row's " + names[0] + " is '" + fromRow + "' but -" + parameter + " '" + fromCommandLine + "' was given on the command line; which one is meant is not clear. Remove the parameter to use each row's own value, or fix the row.");
                return false;
            }
            value = fromRow;
            return true;
        }
    }
}
