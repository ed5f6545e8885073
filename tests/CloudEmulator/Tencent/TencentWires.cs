using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CloudEmulator.Tencent;

/// <summary>API 3.0 envelope (cloud-apis.md §1.5): business errors are HTTP 200 with Response.Error.</summary>
internal sealed class Api3Wire : Wire
{
    public static readonly Api3Wire Instance = new();
    public override string ThrottleCode => "RequestLimitExceeded";

    public override void Error(Exchange x, string code, string message, int? status = null) =>
        x.Respond(status ?? 200, JsonSerializer.Serialize(new { Response = new { Error = new { Code = code, Message = message }, RequestId = NewRequestId() } }), code);

    public static void Success(Exchange x) => Success(x, NewRequestId());

    public static void Success(Exchange x, string requestId) =>
        x.Respond(200, JsonSerializer.Serialize(new { Response = new { RequestId = requestId } }), "Success");

    /// <summary>A read's answer: the fields of <paramref name="response"/> then RequestId, inside "Response".</summary>
    public static void Answer(Exchange x, object response)
    {
        // Written as text, not through a JSON DOM: a 100-instance page is answered for every page of a 10,000-instance
        // listing, and the emulator's CPU is shared with the client it is measured against.
        var fields = JsonSerializer.Serialize(response);
        var requestId = "\"RequestId\":" + JsonSerializer.Serialize(NewRequestId());
        var inner = fields == "{}" ? "{" + requestId + "}" : fields.Substring(0, fields.Length - 1) + "," + requestId + "}";
        x.Respond(200, "{\"Response\":" + inner + "}", "Success");
    }

    public static string NewRequestId() => Guid.NewGuid().ToString();
}

/// <summary>
/// Legacy v2 envelope {"code","message","codeDesc"} (cloud-apis.md §4.4). CVM uses a numeric code; RenewMongoDB
/// sends code as a string and has its own module codes (seed 002).
/// </summary>
internal sealed class LegacyWire(bool stringCode) : Wire
{
    public static readonly LegacyWire Cvm = new(false);
    public static readonly LegacyWire Mongo = new(true);

    private static readonly Dictionary<string, string> MongoCodes = new(StringComparer.Ordinal)
    {
        ["InvalidParameter"] = "11050",
        ["InstanceNotExists"] = "11056",
        ["InstanceDeleted"] = "11051",
        ["PeriodNotInRange"] = "11067",
        ["OperationConstraints.AccountBalanceNotEnough"] = "100207",
    };

    public override string ThrottleCode => "RequestLimitExceeded";

    public override void Error(Exchange x, string code, string message, int? status = null)
    {
        // A ForcedError may be given as the number itself ("11056"); show the name in codeDesc then.
        foreach (var (name, number) in MongoCodes)
            if (stringCode && code == number) code = name;
        object body;
        if (stringCode)
        {
            var number = MongoCodes.GetValueOrDefault(code) ?? Numeric(code).ToString(System.Globalization.CultureInfo.InvariantCulture);
            body = new { code = number, message = $"({number}){code}: {message}", codeDesc = code };
        }
        else
        {
            body = new { code = Numeric(code), message, codeDesc = code };
        }
        x.Respond(status ?? 200, JsonSerializer.Serialize(body), code);
    }

    /// <summary>Numeric common codes (cloud-apis.md §4.4, S19). 4105 for a bad token is from memory of the old table (UNCONFIRMED).</summary>
    public static int Numeric(string codeDesc) => codeDesc switch
    {
        "AuthFailure.SecretIdNotFound" => 4104,
        "AuthFailure.TokenFailure" => 4105,
        "AuthFailure.SignatureExpire" => 4500, // replay protection: Timestamp skew or reused Nonce
        _ when codeDesc.StartsWith("AuthFailure", StringComparison.Ordinal) => 4100,
        _ when codeDesc.StartsWith("InvalidParameter", StringComparison.Ordinal)
            || codeDesc is "MissingParameter" or "InvalidAction" or "PeriodNotInRange" => 4000,
        _ when codeDesc.StartsWith("RequestLimitExceeded", StringComparison.Ordinal) => 4400,
        _ when codeDesc.StartsWith("ResourceNotFound", StringComparison.Ordinal) || codeDesc == "InstanceNotExists" => 5000,
        _ when codeDesc.Contains("BalanceNotEnough", StringComparison.Ordinal) || codeDesc == "InvalidAccount.InsufficientBalance" => 5300,
        _ when codeDesc.Contains("Qualification", StringComparison.Ordinal) => 5500,
        "InternalError" or "InternalServerError" => 6000,
        _ => 5100,
    };

    public static void CvmSuccess(Exchange x, string dealId) =>
        x.Respond(200, JsonSerializer.Serialize(new { codeDesc = "Success", message = "", code = 0, dealId }), "Success");

    public static void MongoSuccess(Exchange x, string dealId) =>
        x.Respond(200, JsonSerializer.Serialize(new { code = "0", message = "", codeDesc = "Success", data = new { dealId } }), "Success");
}
