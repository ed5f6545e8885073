using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text.Json;

namespace CloudEmulator.Alibaba;

/// <summary>ECS RPC envelope: flat {"RequestId","HostId","Code","Message"} errors (cloud-apis.md §5.4); Format=JSON or XML (default).</summary>
internal sealed class EcsWire(bool json) : Wire
{
    public const string HostId = "ecs.aliyuncs.com";

    /// <summary>HTTP status per code, from seed 003 and the tables in cloud-apis.md §5.4 and §6.</summary>
    private static readonly Dictionary<string, int> Statuses = new(StringComparer.Ordinal)
    {
        ["InvalidInstanceId.NotFound"] = 404, ["InvalidDiskId.NotFound"] = 404, ["InvalidAccessKeyId.NotFound"] = 404,
        ["InvalidAction.NotFound"] = 404,
        ["ChargeTypeViolation"] = 403, ["IncorrectInstanceStatus"] = 403, ["Instance.UnPaidOrder"] = 403,
        ["InstanceLockedForSecurity"] = 403, ["LastTokenProcessing"] = 403, ["InvalidChargeType.NotSupported"] = 403,
        ["OperationDenied.NoStock"] = 403, ["InvalidPeriod.StarterPackage"] = 403, ["InstanceSpecModification.NotEffective"] = 403,
        ["Diskcategory.Mismatch"] = 403, ["InvalidDisk.NotAllowed"] = 403, ["InstanceTypeNotSupported"] = 403,
        ["InvalidAccountStatus.NotEnoughBalance"] = 403, ["InvalidAccessKeyId.Inactive"] = 403, ["Forbidden.AccessKeyDisabled"] = 403,
        ["Forbidden.RAM"] = 403, ["Forbidden.Unauthorized"] = 403, ["Forbidden.RiskControl"] = 403,
        ["OperationConflict"] = 409,
        ["InternalError"] = 500,
        ["ServiceUnavailable"] = 503,
    };

    public static int StatusFor(string code) => Statuses.GetValueOrDefault(code, 400);

    public override string ThrottleCode => "Throttling.User";

    public override void Error(Exchange x, string code, string message, int? status = null)
    {
        var requestId = NewRequestId();
        var body = json
            ? JsonSerializer.Serialize(new { RequestId = requestId, HostId, Code = code, Message = message })
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>{requestId}</RequestId><HostId>{HostId}</HostId><Code>{Esc(code)}</Code><Message>{Esc(message)}</Message></Error>";
        x.Respond(status ?? StatusFor(code), body, code, ContentType);
    }

    public override void BeforeExecutionFailure(Exchange x)
    {
        Error(x, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
        x.Outcome = "ErrorBeforeExecution";
    }

    public override void AfterExecutionFailure(Exchange x)
    {
        Error(x, "InternalError", "The request processing has failed due to some unknown error.");
        x.Outcome = "ErrorAfterExecution";
    }

    public void Success(Exchange x, string orderId)
    {
        var requestId = NewRequestId();
        var body = json
            ? JsonSerializer.Serialize(new { RequestId = requestId, OrderId = orderId })
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><RenewInstanceResponse><RequestId>{requestId}</RequestId><OrderId>{orderId}</OrderId></RenewInstanceResponse>";
        x.Respond(200, body, "Success", ContentType);
    }

    /// <summary>A read's JSON answer: RequestId, then the fields of <paramref name="body"/>.</summary>
    public static void Answer(Exchange x, System.Text.Json.Nodes.JsonObject body)
    {
        var answer = new System.Text.Json.Nodes.JsonObject { ["RequestId"] = NewRequestId() };
        foreach (var (k, v) in body.ToList())
        {
            body.Remove(k);
            answer[k] = v;
        }
        x.Respond(200, answer.ToJsonString(), "Success", "application/json;charset=utf-8");
    }

    private string ContentType => json ? "application/json;charset=utf-8" : "text/xml;charset=utf-8";
    private static string NewRequestId() => Guid.NewGuid().ToString().ToUpperInvariant();
    private static string Esc(string s) => SecurityElement.Escape(s) ?? "";
}
