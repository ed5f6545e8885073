using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CloudEmulator;

/// <summary>One cloud request in flight: what was received, what we learned about it, and the answer to send.</summary>
internal sealed class Exchange
{
    public Exchange(HttpContext http, byte[] body, long sequence, DateTimeOffset arrival)
    {
        Http = http;
        Body = body;
        Sequence = sequence;
        Arrival = arrival;
        Parameters = ParseParameters(http, body);
    }

    public HttpContext Http { get; }
    public byte[] Body { get; }
    public long Sequence { get; }
    public DateTimeOffset Arrival { get; }
    public string Method => Http.Request.Method;
    public string RawQuery => Http.Request.QueryString.HasValue ? Http.Request.QueryString.Value![1..] : "";

    /// <summary>Query parameters plus form-body parameters (decoded, last one wins).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }
    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters => ParsePairs(RawQuery);

    public string? Header(string name) =>
        Http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
    public string? Param(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    // What the handler learned (recorded even when rejected).
    public string Product { get; set; } = "";
    public string Action { get; set; } = "";
    public IReadOnlyList<string> InstanceIds { get; set; } = Array.Empty<string>();

    // The answer.
    public int Status { get; private set; } = 404;
    public string ContentType { get; private set; } = "text/plain";
    public string ResponseBody { get; private set; } = "";
    public string Outcome { get; set; } = "";
    public bool Executed { get; set; }
    public bool Drop { get; set; }
    /// <summary>With <see cref="Drop"/>: end the connection with a FIN (half-close, then close) instead of an abort.</summary>
    public bool CloseGracefully { get; set; }
    public int ExtraDelayMs { get; set; }
    /// <summary>Runs just before the answer leaves (after latency), e.g. to mark a ClientToken as finished.</summary>
    public System.Action? BeforeRespond { get; set; }

    public void Respond(int status, string body, string outcome, string contentType = "application/json")
    {
        Status = status;
        ResponseBody = body;
        Outcome = outcome;
        ContentType = contentType;
    }

    private static Dictionary<string, string> ParseParameters(HttpContext http, byte[] body)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "";
        foreach (var (k, v) in ParsePairs(query)) result[k] = v;
        if (http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            foreach (var (k, v) in ParsePairs(Encoding.UTF8.GetString(body))) result[k] = v;
        return result;
    }

    /// <summary>Form-style decoding ('+' is a space), keeping parameters without '=' as empty values.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParsePairs(string raw) =>
        raw.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part =>
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? part : part[..eq];
                var value = eq < 0 ? "" : part[(eq + 1)..];
                return new KeyValuePair<string, string>(Decode(key), Decode(value));
            })
            .ToList();

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}

/// <summary>A business or protocol error: nothing is executed. Status null = the product's default for the code.</summary>
internal sealed class RejectionException(string code, string message, int? status = null) : Exception(message)
{
    public string Code { get; } = code;
    public int? Status { get; } = status;
}

/// <summary>How one product family puts errors and faults on the wire.</summary>
internal abstract class Wire
{
    public abstract string ThrottleCode { get; }
    public abstract void Error(Exchange x, string code, string message, int? status = null);
    public void Throttled(Exchange x) => Error(x, ThrottleCode, "Request rate limit exceeded for this account and action; retry later.");

    /// <summary>Tencent: HTTP 503 with a short gateway page (not the JSON envelope), as a load balancer would answer.</summary>
    public virtual void BeforeExecutionFailure(Exchange x) =>
        x.Respond(503, "503 Service Temporarily Unavailable", "ErrorBeforeExecution", "text/plain");

    /// <summary>
    /// Tencent API 3.0 would really answer InternalError inside an HTTP 200 envelope; we send HTTP 500 with a plain body
    /// so tests can tell "executed but failed to answer" apart from an ordinary business error.
    /// </summary>
    public virtual void AfterExecutionFailure(Exchange x) =>
        x.Respond(500, "500 Internal Server Error", "ErrorAfterExecution", "text/plain");
}
