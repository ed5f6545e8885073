using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CloudEmulator.Alibaba;
using CloudEmulator.Faults;
using CloudEmulator.State;
using CloudEmulator.Tencent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudEmulator;

/// <summary>
/// Tencent Cloud (API 3.0 + legacy gateway) and Alibaba ECS on one 127.0.0.1 origin, for in-process tests and
/// the standalone demo. Thread-safe; see README-style notes in the repository for the wire formats.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorState state;
    private readonly FaultEngine faults;
    private readonly Api3Handler api3;
    private readonly LegacyGatewayHandler legacy;
    private readonly EcsHandler ecs;
    private readonly List<RecordedRequest> log = new();
    private long sequence;

    private EmulatorHost(WebApplication app, Scenario scenario)
    {
        this.app = app;
        Scenario = scenario;
        state = new EmulatorState(scenario);
        faults = new FaultEngine(scenario);
        var renewal = new Renewal(state, faults);
        api3 = new Api3Handler(state, renewal);
        legacy = new LegacyGatewayHandler(state, renewal);
        ecs = new EcsHandler(state, renewal);
    }

    public static async Task<EmulatorHost> StartAsync(Scenario scenario, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port);
            o.AddServerHeader = false;
        });
        var app = builder.Build();
        var host = new EmulatorHost(app, scenario);
        app.Run(host.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return host;
    }

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");
    public Scenario Scenario { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (log) return log.OrderBy(r => r.Sequence).ToList(); }
    }

    public int RenewalCount(string instanceId) => state.RenewalCount(instanceId);

    /// <summary>The live instance (mutations between runs are allowed), or null.</summary>
    public EmulatedInstance? Instance(string instanceId) => state.Find(instanceId);

    /// <summary>The live account with this SecretId / AccessKeyId; throws when unknown.</summary>
    public EmulatedAccount Account(string accessKeyOrSecretId)
    {
        lock (state.Sync)
        {
            state.Advance(); // a due asynchronous failure refunds
            return Scenario.Accounts.FirstOrDefault(a => a.Id == accessKeyOrSecretId)
                ?? throw new KeyNotFoundException($"No account with id {accessKeyOrSecretId}.");
        }
    }

    /// <summary>
    /// The instance's renewal policy as DescribeInstances / DescribeDBInstances / DescribeInstanceAutoRenewAttribute show it
    /// now (a CVM ModifyInstancesRenewFlag still OPERATING is not in it yet), or null for an unknown id.
    /// </summary>
    public RenewalPolicy? PolicyOf(string instanceId)
    {
        lock (state.Sync) return state.Find(instanceId) is { } inst ? PolicyFlags.Of(inst) : null;
    }

    /// <summary>Accepted CVM ModifyInstancesRenewFlag changes not yet visible (Scenario.PolicyCompletionMs).</summary>
    public int PendingPolicyChanges
    {
        get { lock (state.Sync) { state.Advance(); return state.Policies.Count; } }
    }

    /// <summary>Accepted asynchronous renewals not yet completed (Scenario.AsyncCompletionMs).</summary>
    public int PendingRenewals => state.PendingRenewals;

    /// <summary>Every Tencent billing order the emulator created, listed or not yet.</summary>
    public IReadOnlyList<BillingOrder> BillingOrders => state.AllOrders();

    public void Enqueue(FaultRule rule) => faults.Enqueue(rule);

    public void ClearRequests()
    {
        lock (log) log.Clear();
    }

    /// <summary>Completes when the process is asked to stop (Ctrl+C / SIGTERM); used by the standalone entry point.</summary>
    internal Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var arrival = state.Now;
        state.Advance();
        var seq = Interlocked.Increment(ref sequence);
        if (http.Request.Path.StartsWithSegments("/_emulator", StringComparison.Ordinal))
        {
            await Admin(http).ConfigureAwait(false);
            return;
        }
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        var x = new Exchange(http, buffer.ToArray(), seq, arrival);
        Dispatch(x);

        var delay = Scenario.LatencyMs + x.ExtraDelayMs;
        if (delay > 0) await Task.Delay(delay, CancellationToken.None).ConfigureAwait(false);
        x.BeforeRespond?.Invoke();
        Record(x);
        if (x.Drop)
        {
            if (x.CloseGracefully && http.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
                socket.Shutdown(SocketShutdown.Send);
            http.Abort();
            return;
        }
        http.Response.StatusCode = x.Status;
        http.Response.ContentType = x.ContentType;
        // The emulator's clock, so a client can correct its skew from it (the real gateways send Date too).
        http.Response.Headers.Date = state.Now.ToString("r", CultureInfo.InvariantCulture);
        await http.Response.WriteAsync(x.ResponseBody, CancellationToken.None).ConfigureAwait(false);
    }

    private void Dispatch(Exchange x)
    {
        var path = x.Http.Request.Path.Value ?? "/";
        var auth = x.Header("authorization") ?? "";
        if (path == "/v2/index.php")
            legacy.Handle(x, path);
        else if (path != "/")
            x.Respond(404, "404 Not Found", "NotFound", "text/plain");
        else if (auth.StartsWith("TC3-", StringComparison.Ordinal) || x.Header("x-tc-action") is not null)
            api3.Handle(x);
        else if (auth.StartsWith("ACS3-", StringComparison.Ordinal) || x.Header("x-acs-action") is not null
                 || x.Param("AccessKeyId") is not null || x.Param("SignatureVersion") is not null)
            ecs.Handle(x);
        else if (x.Param("SecretId") is not null)
            legacy.Handle(x, path); // API 3.0 hosts also accept v1 with path "/" (cloud-apis.md §4.1)
        else
            x.Respond(400, "Unrecognised request: no TC3, ACS3 or v1 signature.", "Unrecognised", "text/plain");
    }

    private void Record(Exchange x)
    {
        var req = x.Http.Request;
        var record = new RecordedRequest
        {
            Sequence = x.Sequence,
            Time = x.Arrival,
            Method = req.Method,
            Path = req.Path.Value ?? "",
            Query = req.QueryString.Value ?? "",
            Headers = req.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Body = Encoding.UTF8.GetString(x.Body),
            Product = x.Product,
            Action = x.Action,
            InstanceIds = x.InstanceIds,
            Outcome = x.Outcome,
            Executed = x.Executed,
            HttpStatus = x.Drop ? 0 : x.Status,
        };
        lock (log) log.Add(record);
        if (Scenario.LogRequests)
            Console.WriteLine($"{x.Arrival:HH:mm:ss.fff} {record.Method} {record.Path} {record.Product}:{record.Action} [{string.Join(',', record.InstanceIds)}] -> {record.HttpStatus} {record.Outcome}{(record.Executed ? " (executed)" : "")}");
    }

    private async Task Admin(HttpContext http)
    {
        object body;
        switch (http.Request.Path.Value)
        {
            case "/_emulator/state":
                lock (state.Sync)
                {
                    state.Advance();
                    body = new
                    {
                        Now = state.Now,
                        PendingRenewals = state.PendingRenewals,
                        PendingPolicyChanges = state.Policies.Count,
                        Fleets = Scenario.Fleets.Select(f => new
                        {
                            f.Service, f.Count, f.Regions, f.IdPrefix, f.PrepaidShare, f.ExpiringWithinDays, f.ExpiringShare, f.ExpiredShare,
                            Generated = Scenario.Instances.Count(i => i.Name?.StartsWith(f.IdPrefix + "-" + f.Service.ToLowerInvariant() + "-", StringComparison.Ordinal) == true),
                        }).ToList(),
                        Instances = Scenario.Instances.Select(i => new
                        {
                            i.Id, i.Service, i.Region, i.Zone, i.ChargeType, i.State, i.Expiry, i.MonthlyPrice, i.RenewFlag,
                            i.LatestOperation, i.LatestOperationState, i.LatestOperationRequestId,
                            RenewalCount = state.RenewalCount(i.Id),
                            Policy = PolicyFlags.Of(i),
                        }).ToList(),
                        Accounts = Scenario.Accounts.Select(a => new { a.Provider, a.Id, a.Balance, a.UnpaidOrder }).ToList(),
                    };
                }
                break;
            case "/_emulator/requests":
                body = Requests;
                break;
            default:
                http.Response.StatusCode = 404;
                return;
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(body, Scenario.Json)).ConfigureAwait(false);
    }
}
