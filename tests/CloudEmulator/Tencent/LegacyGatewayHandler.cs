using System;
using System.Globalization;
using System.Linq;
using CloudEmulator.State;
using CloudEmulator.Verification;

namespace CloudEmulator.Tencent;

/// <summary>
/// The legacy gateway /v2/index.php with signature v1 (cloud-apis.md §4). The product comes from the action since
/// there is no service host to read it from. Unversioned actions answer in the numeric envelope; the versioned
/// RenewInstances answers in the API 3.0 envelope with 3.0 codes (seed 001).
/// </summary>
internal sealed class LegacyGatewayHandler(EmulatorState state, Renewal renewal)
{
    public void Handle(Exchange x, string path)
    {
        var action = x.Param("Action") ?? "";
        x.Action = action;
        x.Product = action switch { "RenewInstance" or "RenewInstances" => "cvm", "RenewMongoDB" => "mongodb", _ => "" };
        x.InstanceIds = action == "RenewInstances"
            ? IndexedIds(x)
            : x.Param("instanceId") is { Length: > 0 } one ? [one] : [];
        Wire wire = action switch { "RenewInstances" => Api3Wire.Instance, "RenewMongoDB" => LegacyWire.Mongo, _ => LegacyWire.Cvm };
        try
        {
            var v = TencentV1Verifier.Verify(x.Method, x.Header("host") ?? "", path, x.Parameters,
                id => state.FindAccount("tencent", id)?.Secret, state.Now);
            if (!v.Ok) throw new RejectionException(v.ErrorCode!, v.Message);
            if (!state.TryUseNonce("tc-v1", v.KeyId!, x.Param("Nonce")!, TimeSpan.FromMinutes(5)))
                throw new RejectionException("AuthFailure.SignatureExpire", $"Nonce {x.Param("Nonce")} was already used by this SecretId (replay).");
            var account = state.FindAccount("tencent", v.KeyId!)!;
            var token = x.Param("Token");
            if (account.Token is not null ? token != account.Token : !string.IsNullOrEmpty(token))
                throw new RejectionException("AuthFailure.TokenFailure", "The Token is missing, invalid or does not belong to this SecretId.");

            switch (action)
            {
                case "RenewInstances":
                    if (x.Param("Version") != "2017-03-12") throw new RejectionException("NoSuchVersion", $"Version `{x.Param("Version")}` of RenewInstances does not exist; use 2017-03-12.");
                    if (!renewal.Admit(x, wire, account, "cvm:RenewInstances")) return;
                    var region = x.Param("Region");
                    if (string.IsNullOrEmpty(region)) throw new RejectionException("MissingParameter", "The request is missing a required parameter `Region`.");
                    var request = GatewayRequest(x);
                    // The same 2017-03-12 action as on API 3.0: its RequestId is the instances' LatestOperationRequestId.
                    var requestId = Api3Wire.NewRequestId();
                    renewal.Execute(x, wire, account, () => TencentRules.Cvm(state, account, request, region, TencentRules.GatewayPeriods),
                        e => Api3Wire.Success(e, requestId), operationRequestId: requestId);
                    break;
                case "RenewInstance":
                    if (!renewal.Admit(x, wire, account, "cvm:RenewInstance")) return;
                    var cvmDeal = state.NextDealId();
                    renewal.Execute(x, wire, account, () => TencentRules.LegacyCvm(state, account, x.Param("instanceId"), x.Param("period")),
                        e => LegacyWire.CvmSuccess(e, cvmDeal));
                    break;
                case "RenewMongoDB":
                    if (!renewal.Admit(x, wire, account, "mongodb:RenewMongoDB")) return;
                    var mongoDeal = state.NextDealId();
                    renewal.Execute(x, wire, account, () => TencentRules.LegacyMongo(state, account, x.Param("instanceId"), x.Param("period")),
                        e => LegacyWire.MongoSuccess(e, mongoDeal));
                    break;
                default:
                    throw new RejectionException("InvalidAction", $"Action `{action}` is not served by this gateway.");
            }
        }
        catch (RejectionException r)
        {
            wire.Error(x, r.Code, r.Message, r.Status);
        }
    }

    private static string[] IndexedIds(Exchange x) =>
        x.Parameters.Where(p => p.Key.StartsWith("InstanceIds.", StringComparison.Ordinal) && int.TryParse(p.Key[12..], out _))
            .OrderBy(p => int.Parse(p.Key[12..], CultureInfo.InvariantCulture))
            .Select(p => p.Value)
            .ToArray();

    private static TencentRenewRequest GatewayRequest(Exchange x)
    {
        int? period = null;
        if (x.Param("InstanceChargePrepaid.Period") is { } raw)
            period = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new RejectionException("InvalidPeriod", $"Invalid period `{raw}`.");
        if (x.Param("RenewPortableDataDisk") is { } disk && disk is not ("true" or "false" or "TRUE" or "FALSE"))
            throw new RejectionException("InvalidParameterValue", $"RenewPortableDataDisk must be true or false; got `{disk}`.");
        return new TencentRenewRequest(IndexedIds(x), period, x.Param("InstanceChargePrepaid.RenewFlag"));
    }
}
