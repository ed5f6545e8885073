using System;
using System.Globalization;

namespace RenewalTools.Benchmarks
{
    /// <summary>One renewal cmdlet as the benchmark drives it: how its IDs look, its batch size and the rate that bounds it.</summary>
    internal sealed record Service(
        string Name,
        string EmulatorService,
        string Cmdlet,
        string Action,
        string Region,
        string CredentialVariable,
        int BatchSize,
        double RateLimit,
        string IdPrefix,
        int IdDigits,
        string ExtraColumns)
    {
        /// <summary>CVM RenewInstances: 100 per call, 10 requests/s documented (cloud-apis.md §0).</summary>
        public static Service Cvm { get; } = new Service("CVM", "cvm", "Invoke-CvmRenewal", "RenewInstances", "ap-guangzhou", "$cred", 100, 10, "ins-", 7, "");

        /// <summary>MongoDB RenewDBInstances: 100 per call, 20 requests/s documented.</summary>
        public static Service MongoDb { get; } = new Service("MongoDB", "mongodb", "Invoke-MongoDbRenewal", "RenewDBInstances", "ap-guangzhou", "$cred", 100, 20, "cmgo-", 7, "");

        /// <summary>ECS RenewInstance: one instance per call; no documented limit, so the module's default pace of 20/s is the bound.</summary>
        /// <summary>Discovery (issue #10): CVM DescribeInstances at 40/s, pages of 100, in a region of its own.</summary>
        public static Service CvmDiscovery { get; } = new Service("CVM discovery", "cvm", "Get-CvmInstance", "DescribeInstances", "ap-nanjing", "$cred", 100, 40, "ins-", 7, "");

        /// <summary>Discovery (issue #19): MongoDB DescribeDBInstances at 20/s, pages of 100, in a region of its own.</summary>
        public static Service MongoDbDiscovery { get; } = new Service("MongoDB discovery", "mongodb", "Get-MongoDbInstance", "DescribeDBInstances", "ap-nanjing", "$cred", 100, 20, "cmgo-", 7, "");

        /// <summary>Quotes (issue #11): CVM InquiryPriceRenewInstances, one instance a request, 10 requests/s documented.</summary>
        public static Service CvmQuote { get; } = new Service("CVM quote", "cvm", "Get-CvmRenewalQuote", "InquiryPriceRenewInstances", "ap-guangzhou", "$cred", 1, 10, "ins-", 7, "");

        /// <summary>Auto-renew policy (issue #17): CVM ModifyInstancesRenewFlag, 100 per call, 10 requests/s documented (policy-and-evidence.md §2).</summary>
        public static Service CvmPolicy { get; } = new Service("CVM auto-renew policy", "cvm", "Set-CvmAutoRenew", "ModifyInstancesRenewFlag", "ap-guangzhou", "$cred", 100, 10, "ins-", 7, "");

        public static Service Ecs { get; } = new Service("ECS", "ecs", "Invoke-EcsRenewal", "RenewInstance", "cn-hangzhou", "$ali", 1, 20, "i-bp", 17, "; PeriodUnit = 'Month'");

        /// <summary>A PowerShell expression for the well-formed ID of instance $i; <paramref name="tag"/> keeps each scenario's IDs apart.</summary>
        public string IdExpression(char tag) => "('" + IdPrefix + tag + "' + $i.ToString('D" + IdDigits.ToString(CultureInfo.InvariantCulture) + "'))";

        public string IdOf(char tag, int i) => IdPrefix + tag + i.ToString("D" + IdDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        public int MinimumCalls(int instances) => (instances + BatchSize - 1) / BatchSize;
    }

    /// <summary>The PowerShell each child process runs.</summary>
    internal static class Scripts
    {
        private const string Tally = @"
$tally = @{}
foreach ($r in @($results)) { $tally[[string]$r.Status] += 1 }
[pscustomobject]@{ Results = @($results).Count; Statuses = (@($tally.Keys | ForEach-Object { ""$_=$($tally[$_])"" }) -join ',') }";

        /// <summary>Import-Csv-shaped rows built before the clock starts, then piped into the cmdlet in one pipeline.</summary>
        public static ChildJob Bulk(Service s, int instances, char tag) => new ChildJob
        {
            Setup = InputRows(s, instances, tag, "; Period = '1'" + s.ExtraColumns),
            Timed = "$results = $rows | " + s.Cmdlet + " -Credential " + s.CredentialVariable + " -Endpoint $endpoint -Force",
            After = Tally,
        };

        /// <summary>The same rows without a Period, every instance set to AutoRenew (issue #17): read before, sent, read back.</summary>
        public static ChildJob Policy(Service s, int instances, char tag) => new ChildJob
        {
            Setup = InputRows(s, instances, tag, ""),
            Timed = "$results = $rows | " + s.Cmdlet + " -Policy AutoRenew -Credential " + s.CredentialVariable + " -Endpoint $endpoint -Force",
            After = Tally,
        };

        private static string InputRows(Service s, int instances, char tag, string columns) =>
            "$rows = foreach ($i in 0.." + (instances - 1).ToString(CultureInfo.InvariantCulture) + ") { [pscustomobject]@{ InstanceId = " + s.IdExpression(tag) + "; Region = '" + s.Region + "'" + columns + " } }";

        /// <summary>The bulk renewal as users run it by default: read before, read back after (issue #10).</summary>
        public static ChildJob VerifiedBulk(Service s, int instances, char tag)
        {
            var job = Bulk(s, instances, tag);
            job.Timed += " -NoWait:$false";
            return job;
        }

        /// <summary>The same Import-Csv-shaped rows piped into a quote cmdlet (nothing is renewed, so no -Force).</summary>
        public static ChildJob Quote(Service s, int instances, char tag)
        {
            var job = Bulk(s, instances, tag);
            job.Timed = job.Timed.Replace(" -Force", "", StringComparison.Ordinal);
            job.After = "[pscustomobject]@{ Results = @($results).Count; Statuses = 'Priced=' + @($results | Where-Object { $null -ne $_.Price }).Count }";
            return job;
        }

        /// <summary>Every prepaid instance of one region, streamed page by page.</summary>
        public static ChildJob Discovery(Service s) => new ChildJob
        {
            Timed = "$results = " + s.Cmdlet + " -Region '" + s.Region + "' -Credential " + s.CredentialVariable + " -Endpoint $endpoint",
            After = "[pscustomobject]@{ Results = @($results).Count; Statuses = 'Instances=' + @($results).Count }",
        };

        /// <summary>
        /// What a typical script does: one cmdlet call per instance, in sequence. One warm-up call (another ID) runs before
        /// the clock starts, so the sample measures the steady per-instance cost that the extrapolation multiplies.
        /// </summary>
        public static ChildJob Typical(Service s, int sample, char tag, string warmUpId)
        {
            var call = s.Cmdlet + " -Region '" + s.Region + "' -Period 1 -Credential " + s.CredentialVariable + " -Endpoint $endpoint -Force";
            return new ChildJob
            {
                Setup = "$ids = foreach ($i in 0.." + (sample - 1).ToString(CultureInfo.InvariantCulture) + ") { " + s.IdExpression(tag) + " }\n"
                    + "$null = " + s.Cmdlet + " -InstanceId '" + warmUpId + "' -Region '" + s.Region + "' -Period 1 -Credential " + s.CredentialVariable + " -Endpoint $endpoint -Force",
                Timed = "$results = $ids | ForEach-Object { " + call + " -InstanceId $_ }",
                After = Tally,
            };
        }

        /// <summary>
        /// Rows generated lazily by a script loop (never an array), counted between the generator and the cmdlet, with
        /// the process's peak and current working set and the live managed heap (after a full collection) sampled at the marks.
        /// </summary>
        public static ChildJob Rows(Service s, int rows, char tag, int[] marks) => new ChildJob
        {
            Setup = "$samples = [System.Collections.Generic.List[object]]::new()\n"
                + "$marks = [System.Collections.Generic.HashSet[int]]::new([int[]]@(" + string.Join(",", marks) + "))\n"
                + "$seen = 0\n$done = 0\n$statuses = @{}",
            Timed = "& { for ($i = 0; $i -lt " + rows.ToString(CultureInfo.InvariantCulture) + "; $i++) { [pscustomobject]@{ InstanceId = " + s.IdExpression(tag) + "; Region = '" + s.Region + "'; Period = '1'" + s.ExtraColumns + " } } } |\n"
                + "    ForEach-Object {\n"
                + "        $seen++\n"
                + "        if ($marks.Contains($seen)) {\n"
                + "            $process = [System.Diagnostics.Process]::GetCurrentProcess()\n"
                + "            $samples.Add([pscustomobject]@{ Rows = $seen; Results = $done; PeakWorkingSet = $process.PeakWorkingSet64; WorkingSet = $process.WorkingSet64; ManagedHeap = [GC]::GetTotalMemory($true) })\n"
                + "            $process.Dispose()\n"
                + "        }\n"
                + "        $_\n"
                + "    } |\n"
                + "    " + s.Cmdlet + " -Credential " + s.CredentialVariable + " -Endpoint $endpoint -Force |\n"
                + "    ForEach-Object { $done++; $statuses[[string]$_.Status] += 1 }",
            After = "$samples\n[pscustomobject]@{ Results = $done; Statuses = (@($statuses.Keys | ForEach-Object { \"$_=$($statuses[$_])\" }) -join ',') }",
        };

        public static string Describe(int[] marks) => string.Join(", ", Array.ConvertAll(marks, m => m.ToString("N0", CultureInfo.InvariantCulture)));
    }
}
