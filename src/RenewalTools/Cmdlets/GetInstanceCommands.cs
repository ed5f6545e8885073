using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenewalTools.Clients;
using RenewalTools.Clients.Alibaba;
using RenewalTools.Clients.Tencent;
using RenewalTools.Credentials;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>Which instances a Get-*Instance lists: the prepaid ones (default), or all.</summary>
    public enum InstanceChargeFilter
    {
        Prepaid,
        All,
    }

    /// <summary>
    /// Lists a cloud's instances, region by region and page by page, as <see cref="CloudInstance"/> objects that pipe
    /// into the renewal cmdlets. The three Get-*Instance cmdlets only pick the read.
    /// </summary>
    public abstract class GetInstanceCmdletBase : CloudCmdletBase, IDisposable
    {
        private readonly List<string> _ids = new List<string>();
        private bool _idsGiven;
        private InstanceDiscovery? _discovery;

        /// <summary>Regions to read; default the region environment variable.</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        /// <summary>Only these instances (strings or objects with an InstanceId property from the pipeline).</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "InstanceIds")]
        public string[]? InstanceId { get; set; }

        /// <summary>Only prepaid instances whose expiry is at most this many days away (already expired ones included).</summary>
        [Parameter]
        [ValidateRange(0, 3650)]
        public int? ExpiringWithinDays { get; set; }

        /// <summary>Prepaid (default) or All.</summary>
        [Parameter]
        public InstanceChargeFilter ChargeType { get; set; } = InstanceChargeFilter.Prepaid;

        internal abstract InstanceReader CreateReader();

        protected override void BeginProcessing() => CheckEndpoint();

        protected override void ProcessRecord()
        {
            _idsGiven |= InstanceId != null;
            foreach (var id in InstanceId ?? Array.Empty<string>())
            {
                var trimmed = InputRules.TrimPadding(id);
                if (InputRules.CheckInstanceId(trimmed) is string problem)
                {
                    WriteError(new ErrorRecord(new ArgumentException(problem), "InvalidInput", ErrorCategory.InvalidArgument, id));
                    continue;
                }
                _ids.Add(trimmed!);
            }
        }

        protected override void EndProcessing()
        {
            // IDs were asked for (given, or expected from the pipeline) but none is usable: list nothing. Listing the whole
            // region instead would turn `Import-Csv empty.csv | Get-CvmInstance | Invoke-CvmRenewal` into "renew everything".
            if ((_idsGiven || MyInvocation.ExpectingInput) && _ids.Count == 0)
            {
                WriteWarning("No usable instance ID arrived" + (MyInvocation.ExpectingInput ? " from the pipeline" : "") + "; nothing was listed.");
                return;
            }
            var regions = (Region ?? new[] { Resolver.DefaultRegion(Provider) ?? "" }).Select(r => InputRules.TrimPadding(r) ?? "").Distinct(StringComparer.Ordinal).ToList();
            foreach (var region in regions)
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
            var ids = _ids;
            _discovery.Start(regions.SelectMany(region => ids.Count == 0
                ? new[] { new InstanceQuery(region, null, prepaidOnly) }
                : InstanceReads.IdQueries(region, ids, prepaidOnly)));
            var due = ExpiringWithinDays.HasValue ? DateTimeOffset.UtcNow.AddDays(ExpiringWithinDays.Value) : (DateTimeOffset?)null;
            while (_discovery.Running && !Stopping)
            {
                if (!_discovery.TryTake(out var item, TimeSpan.FromMilliseconds(200)))
                {
                    continue;
                }
                Write(item, prepaidOnly, due);
            }
        }

        protected override void StopProcessing() => _discovery?.Stop();

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
                WriteError(new ErrorRecord(new InvalidOperationException("Could not read the " + item.Region + " instances: " + item.Failure.Failure.Code + ". " + item.Failure.Message, item.Failure), item.Failure.Failure.Code, ErrorCategory.ReadError, item.Region));
                return;
            }
            foreach (var instance in item.Page!)
            {
                // ID lookups cannot filter on the server (CVM forbids InstanceIds with Filters), so the rule is applied here too.
                if ((prepaidOnly && !instance.IsPrepaid) || (due.HasValue && !(instance.ExpiresAt <= due)))
                {
                    continue;
                }
                WriteObject(instance);
            }
            item.Written!.TrySetResult(true);
        }
    }

    /// <summary>Lists Tencent Cloud CVM instances (DescribeInstances 2017-03-12).</summary>
    [Cmdlet(VerbsCommon.Get, "CvmInstance")]
    [OutputType(typeof(CloudInstance))]
    public sealed class GetCvmInstanceCommand : GetInstanceCmdletBase
    {
        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override InstanceReader CreateReader() => new CvmDescribeInstances();
    }

    /// <summary>Lists Tencent Cloud MongoDB instances (DescribeDBInstances 2019-07-25).</summary>
    [Cmdlet(VerbsCommon.Get, "MongoDbInstance")]
    [OutputType(typeof(CloudInstance))]
    public sealed class GetMongoDbInstanceCommand : GetInstanceCmdletBase
    {
        internal override CloudProvider Provider => CloudProvider.Tencent;

        internal override InstanceReader CreateReader() => new MongoDbDescribeDBInstances();
    }

    /// <summary>Lists Alibaba Cloud ECS instances (DescribeInstances 2014-05-26).</summary>
    [Cmdlet(VerbsCommon.Get, "EcsInstance")]
    [OutputType(typeof(CloudInstance))]
    public sealed class GetEcsInstanceCommand : GetInstanceCmdletBase
    {
        /// <summary>ACS3 (ACS3-HMAC-SHA256, default) or 1.0 (RPC HMAC-SHA1).</summary>
        [Parameter]
        [ValidateSet("ACS3", "1.0")]
        public string SignatureVersion { get; set; } = "ACS3";

        /// <summary>Pace for DescribeInstances calls per account: Alibaba publishes the limit only in the Quota Center.</summary>
        [Parameter]
        [ValidateRange(0.1, 1000)]
        public double MaxRequestsPerSecond { get; set; } = 20;

        internal override CloudProvider Provider => CloudProvider.Alibaba;

        internal override InstanceReader CreateReader() => new EcsDescribeInstances(EcsCmdlets.Signature(SignatureVersion), MaxRequestsPerSecond);
    }
}
