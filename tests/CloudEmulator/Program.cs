using System;
using System.Globalization;
using System.Threading.Tasks;

namespace CloudEmulator;

/// <summary>Standalone: dotnet run --project tests/CloudEmulator -- --port N --scenario file.json [--latency-ms 50] [--log]</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var port = 0;
        string? scenarioPath = null;
        int? latency = null;
        var logRequests = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port": port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--scenario": scenarioPath = args[++i]; break;
                case "--latency-ms": latency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--log": logRequests = true; break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}. Usage: --port N --scenario file.json [--latency-ms 50] [--log]").ConfigureAwait(false);
                    return 2;
            }
        }
        if (scenarioPath is not null && !System.IO.File.Exists(scenarioPath))
        {
            await Console.Error.WriteLineAsync($"Scenario file not found: {System.IO.Path.GetFullPath(scenarioPath)}").ConfigureAwait(false);
            return 2;
        }
        var scenario = scenarioPath is null ? new Scenario() : Scenario.Load(scenarioPath);
        if (latency is not null) scenario.LatencyMs = latency.Value;
        scenario.LogRequests |= logRequests;
        await using var host = await EmulatorHost.StartAsync(scenario, port).ConfigureAwait(false);
        Console.WriteLine($"Listening on {host.BaseUri.ToString().TrimEnd('/')}");
        await host.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
