using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Errors;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// Lists a cloud's instances, region by region and page by page, as <see cref="CloudInstance"/> objects that pipe
    /// into the renewal cmdlets. The three Get-*Instance cmdlets only pick the read.
    /// </summary>
    public abstract class GetInstanceCmdletBase : CloudCmdletBase, IDisposable
    {
        internal const string AllSet = "All";
        internal const string ByIdSet = "ById";
        internal const string ByInputSet = "ByInput";

        // The IDs asked for, each with the region its row names (null: the -Region list, or the default region).
        private readonly List<(string Id, string? Region)> _ids = new List<(string, string?)>();
        private readonly HashSet<string> _found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _unreadRegions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private bool _idsGiven;
        private InstanceDiscovery? _discovery;

        /// <summary>Regions to read; default the region environment variable. A piped row's own Region/RegionId column wins for that row.</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        /// <summary>Only these instances, looked up in every region of -Region.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet)]
        [Alias("Id", "InstanceIds")]
        public string[]? InstanceId { get; set; }

        /// <summary>
        /// Only the instances the pipeline names: ID strings, CSV rows (Import-Csv) or objects with an InstanceId property;
        /// a row with a Region or RegionId column is looked up in that region.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputSet)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>Only prepaid instances whose expiry is at most this many days away (already expired ones included).</summary>
        [Parameter]
        [ValidateRange(0, 3650)]
        public int? ExpiringWithinDays { get; set; }

        /// <summary>Prepaid (default) or All.</summary>
        [Parameter]
        public InstanceChargeFilter ChargeType { get; set; } = InstanceChargeFilter.Prepaid;

        internal abstract InstanceReader CreateReader();

        /// <inheritdoc/>
        protected override void BeginProcessing() => CheckEndpoint();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet)
            {
                _idsGiven = true;
                foreach (var id in InstanceId ?? Array.Empty<string>())
                {
                    Ask(InputRow.ForId(id));
                }
            }
            else if (ParameterSetName == ByInputSet)
            {
                _idsGiven = true;
                foreach (var row in InputRow.From(InputObject))
                {
                    Ask(row);
                }
            }
        }

        /// <summary>Takes one ID to look up, in its row's own region when the row names one.</summary>
        private void Ask(InputRow row)
        {
            var id = InputRules.TrimPadding(row.Id);
            if ((row.IdProblem ?? InputRules.CheckInstanceId(id)) is string problem)
            {
                WriteError(new ErrorRecord(new ArgumentException(problem), "InvalidInput", ErrorCategory.InvalidArgument, row.Id));
                return;
            }
            string? region = null;
            if (row.Cell(InputRow.RegionColumns) is object cell)
            {
                var cellProblem = InputRules.ParseText(cell, "The Region cell", out var text);
                text = InputRules.TrimPadding(text) ?? "";
                cellProblem ??= InputRules.CheckRegion(text, RegionVariable);
                if (cellProblem is null && Region != null && !Region.Any(r => string.Equals(InputRules.TrimPadding(r), text, StringComparison.OrdinalIgnoreCase)))
                {
                    WriteError(new ErrorRecord(new ArgumentException(id + ": the row's Region is '" + text + "' but -Region " + string.Join(", ", Region) + " was given; which one is meant is not clear. Nothing was read for it."), "InputConflict", ErrorCategory.InvalidArgument, id));
                    return;
                }
                if (cellProblem != null)
                {
                    WriteError(new ErrorRecord(new ArgumentException(id + ": " + cellProblem), "InvalidInput", ErrorCategory.InvalidArgument, id));
                    return;
                }
                region = text;
            }
            _ids.Add((id!, region));
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            // IDs were asked for (given, or expected from the pipeline) but none is usable: list nothing. Listing the whole
            // region instead would turn `Import-Csv empty.csv | Get-CvmInstance | Invoke-CvmRenewal` into "renew everything".
            if ((_idsGiven || MyInvocation.ExpectingInput) && _ids.Count == 0)
            {
                WriteWarning("No usable instance ID arrived" + (MyInvocation.ExpectingInput ? " from the pipeline" : "") + "; nothing was listed.");
                return;
            }
            var asked = AskedRegions();
            foreach (var region in asked.Values.SelectMany(r => r).Distinct(StringComparer.Ordinal))
            {
                if (InputRules.CheckRegion(region, RegionVariable) is string problem)
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException(problem), "InvalidRegion", ErrorCategory.InvalidArgument, region));
                }
            }
            var credential = ResolveCredential();
            var options = new RenewalOptions { ThrottleLimit = ThrottleLimit, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
            _discovery = new InstanceDiscovery(CreateReader(), new CloudCaller(credential, Endpoint, options.Timeout), options);
            var prepaidOnly = ChargeType == InstanceChargeFilter.Prepaid || ExpiringWithinDays.HasValue;
            _discovery.Start(_ids.Count == 0
                ? asked[""].Select(region => new InstanceQuery(region, null, prepaidOnly))
                : asked.SelectMany(a => a.Value.Select(region => (Id: a.Key, Region: region)))
                    .GroupBy(x => x.Region, x => x.Id, StringComparer.Ordinal)
                    .SelectMany(g => InstanceReads.IdQueries(g.Key, g, prepaidOnly)));
            var due = ExpiringWithinDays.HasValue ? DateTimeOffset.UtcNow.AddDays(ExpiringWithinDays.Value) : (DateTimeOffset?)null;
            while (_discovery.Running && !Stopping)
            {
                if (!_discovery.TryTake(out var item, TimeSpan.FromMilliseconds(200)))
                {
                    continue;
                }
                Write(item, prepaidOnly, due);
            }
            if (!Stopping)
            {
                ReportNotFound(asked);
            }
        }

        /// <summary>
        /// The regions each asked ID is looked up in (its row's own, or every region of -Region or the default); with no
        /// IDs, the regions to list under the key "".
        /// </summary>
        private Dictionary<string, List<string>> AskedRegions()
        {
            var defaults = new Lazy<List<string>>(() => (Region ?? new[] { Resolver.DefaultRegion(Provider) ?? "" }).Select(r => InputRules.TrimPadding(r) ?? "").Distinct(StringComparer.Ordinal).ToList());
            var asked = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            if (_ids.Count == 0)
            {
                asked[""] = defaults.Value;
                return asked;
            }
            foreach (var (id, region) in _ids)
            {
                if (!asked.TryGetValue(id, out var regions))
                {
                    regions = new List<string>();
                    asked[id] = regions;
                }
                foreach (var r in region is null ? defaults.Value : new List<string> { region })
                {
                    if (!regions.Contains(r, StringComparer.OrdinalIgnoreCase))
                    {
                        regions.Add(r);
                    }
                }
            }
            return asked;
        }

        /// <summary>An ID asked for that no region returned is an error, as in the AWS and Azure Get- cmdlets: never a silent gap in a CSV job.</summary>
        private void ReportNotFound(Dictionary<string, List<string>> asked)
        {
            if (_ids.Count == 0)
            {
                return;
            }
            var service = CreateReader();
            foreach (var pair in asked.Where(a => !_found.Contains(a.Key) && !a.Value.Any(_unreadRegions.Contains)))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException("No " + service.Service + " instance " + pair.Key + " in " + string.Join(", ", pair.Value) + " (" + service.Action + ")."),
                    ReadCodes.InstanceNotFound, ErrorCategory.ObjectNotFound, pair.Key));
            }
        }

        /// <inheritdoc/>
        protected override void StopProcessing() => _discovery?.Stop();

        /// <inheritdoc/>
        public void Dispose()
        {
            _discovery?.Dispose();
            GC.SuppressFinalize(this);
        }

        private void Write(DiscoveryEvent item, bool prepaidOnly, DateTimeOffset? due)
        {
            switch (item.Kind)
            {
                case SessionEventKind.Verbose:
                    WriteVerbose(item.Text);
                    return;
                case SessionEventKind.Debug:
                    WriteDebug(item.Text);
                    return;
                case SessionEventKind.Warning:
                    WriteWarning(item.Text);
                    return;
            }
            if (item.Failure != null)
            {
                // One region failing must not hide the others' instances.
                _unreadRegions.Add(item.Region ?? "");
                WriteError(new ErrorRecord(new InvalidOperationException("Could not read the " + item.Region + " instances: " + item.Failure.Failure.Code + ". " + item.Failure.Message, item.Failure), item.Failure.Failure.Code, ErrorCategory.ReadError, item.Region));
                return;
            }
            foreach (var instance in item.Page!)
            {
                _found.Add(instance.InstanceId);
                // ID lookups cannot filter on the server (CVM forbids InstanceIds with Filters), so the rule is applied here too.
                if (prepaidOnly && !instance.IsPrepaid)
                {
                    if (_ids.Count > 0)
                    {
                        WriteWarning(instance.InstanceId + " is " + instance.ChargeType + " (" + instance.Region + "): not listed, because only prepaid instances are (-ChargeType All lists it).");
                    }
                    continue;
                }
                if (due.HasValue && !(instance.ExpiresAt <= due))
                {
                    continue;
                }
                WriteObject(instance);
            }
            item.Written!.TrySetResult(true);
        }
    }
}
