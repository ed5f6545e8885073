using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RenewalTools.Benchmarks
{
    /// <summary>Command-line options; every size has a full default (issue #7) and a --quick one.</summary>
    internal sealed class Options
    {
        public static readonly string[] AllParts = { "bulk", "read", "quote", "policy", "typical", "import", "rows", "signing" };

        public int LatencyMs { get; private set; } = 50;
        public int RowsLatencyMs { get; private set; } = 2;
        public int TencentInstances { get; private set; } = 10_000;
        public int EcsInstances { get; private set; } = 2_000;
        /// <summary>CVM instances quoted (issue #11): one inquiry each at 10/s, so the full size takes about 17 minutes.</summary>
        public int QuoteInstances { get; private set; } = 10_000;
        public int TypicalSample { get; private set; } = 200;
        public int Rows { get; private set; } = 100_000;
        public int ImportRuns { get; private set; } = 7;
        public bool Quick { get; private set; }
        public HashSet<string> Parts { get; private set; } = new HashSet<string>(AllParts, StringComparer.OrdinalIgnoreCase);

        public static string Usage =>
            "usage: dotnet run -c Release --project tests/RenewalTools.Benchmarks [-- options]\n" +
            "  --quick                 smaller sizes (2,000 Tencent / 400 ECS instances, sample 50, 20,000 rows, 5 import runs)\n" +
            "  --latency-ms N          emulator latency for the renewal scenarios (default 50)\n" +
            "  --rows-latency-ms N     emulator latency for the rows scenario (default 2)\n" +
            "  --instances N           Tencent bulk instances (default 10000)\n" +
            "  --ecs-instances N       ECS bulk instances (default 2000)\n" +
            "  --quote-instances N     CVM instances quoted, one inquiry each at 10/s (default 10000, about 17 min)\n" +
            "  --sample N              typical-script sample size (default 200)\n" +
            "  --rows N                rows piped in the memory scenario (default 100000)\n" +
            "  --import-runs N         fresh processes per module in the cold-import scenario (default 7, at least 5)\n" +
            "  --only a,b              run only these parts: " + string.Join(",", AllParts);

        public static Options Parse(string[] args)
        {
            var o = new Options();
            if (args.Contains("--quick"))
            {
                o.Quick = true;
                o.TencentInstances = 2_000;
                o.EcsInstances = 400;
                o.QuoteInstances = 1_000;
                o.TypicalSample = 50;
                o.Rows = 20_000;
                o.ImportRuns = 5;
            }
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--quick":
                        break;
                    case "--latency-ms":
                        o.LatencyMs = Number(args, ++i, 0);
                        break;
                    case "--rows-latency-ms":
                        o.RowsLatencyMs = Number(args, ++i, 0);
                        break;
                    case "--instances":
                        o.TencentInstances = Number(args, ++i, 1);
                        break;
                    case "--ecs-instances":
                        o.EcsInstances = Number(args, ++i, 1);
                        break;
                    case "--quote-instances":
                        o.QuoteInstances = Number(args, ++i, 1);
                        break;
                    case "--sample":
                        o.TypicalSample = Number(args, ++i, 1);
                        break;
                    case "--rows":
                        o.Rows = Number(args, ++i, 10);
                        break;
                    case "--import-runs":
                        o.ImportRuns = Number(args, ++i, 5);
                        break;
                    case "--only":
                        var parts = Value(args, ++i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        var unknown = parts.Where(p => !AllParts.Contains(p, StringComparer.OrdinalIgnoreCase)).ToList();
                        if (unknown.Count > 0)
                        {
                            throw new ArgumentException("Unknown part(s) " + string.Join(",", unknown) + "; known: " + string.Join(",", AllParts));
                        }
                        o.Parts = new HashSet<string>(parts, StringComparer.OrdinalIgnoreCase);
                        break;
                    default:
                        throw new ArgumentException("Unknown option " + args[i]);
                }
            }
            return o;
        }

        private static string Value(string[] args, int i) => i < args.Length ? args[i] : throw new ArgumentException(args[i - 1] + " needs a value");

        private static int Number(string[] args, int i, int minimum)
        {
            var text = Value(args, i);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < minimum)
            {
                throw new ArgumentException(args[i - 1] + " needs a whole number of at least " + minimum + ", not '" + text + "'");
            }
            return n;
        }
    }
}
