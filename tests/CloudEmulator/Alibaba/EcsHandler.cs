using System;
using System.Globalization;
using System.Linq;
using CloudEmulator.State;
using CloudEmulator.Verification;

namespace CloudEmulator.Alibaba;

/// <summary>ECS RenewInstance 2014-05-26 over RPC: ACS3-HMAC-SHA256 headers or the legacy query signature (cloud-apis.md §5, §6).</summary>
internal sealed class EcsHandler(EmulatorState state, Renewal renewal)
{
    /// <summary>ECS actions and BSS (bssopenapi) QueryAccountBalance, all served on the one origin.</summary>
    private static readonly System.Collections.Generic.Dictionary<string, string> Versions = new(StringComparer.Ordinal)
    {
        ["RenewInstance"] = "2014-05-26",
        ["DescribeInstances"] = "2014-05-26",
        ["DescribeRenewalPrice"] = "2014-05-26",
        ["QueryAccountBalance"] = "2017-12-14",
        ["ModifyInstanceAutoRenewAttribute"] = "2014-05-26",
        ["DescribeInstanceAutoRenewAttribute"] = "2014-05-26",
    };

    private static readonly string[] NotBusinessParameters =
        ["Action", "Version", "Signature", "SignatureNonce", "Timestamp", "SignatureMethod", "SignatureVersion", "AccessKeyId", "SecurityToken", "Format", "ClientToken"];

    public void Handle(Exchange x)
    {
        var acs3 = x.Header("authorization")?.StartsWith("ACS3-", StringComparison.Ordinal) == true;
        x.Action = (acs3 ? x.Header("x-acs-action") : x.Param("Action")) ?? "";
        x.Product = x.Action == "QueryAccountBalance" ? "bss" : "ecs";
        // Reads and policy writes are faulted only by rules naming them, and answer JSON only (XML is not emulated for them).
        var namedOnly = x.Action != "RenewInstance";
        x.InstanceIds = x.Action switch
        {
            "DescribeInstances" => EcsReads.AskedIds(x.Param("InstanceIds")),
            "DescribeRenewalPrice" => x.Param("ResourceId") is { Length: > 0 } rid ? [rid] : [],
            "ModifyInstanceAutoRenewAttribute" or "DescribeInstanceAutoRenewAttribute" => EcsPolicies.AskedIds(x.Param("InstanceId")),
            _ => x.Param("InstanceId") is { Length: > 0 } id ? [id] : [],
        };
        var format = x.Param("Format");
        var json = namedOnly || (format is not null
            ? format.Equals("JSON", StringComparison.OrdinalIgnoreCase)
            : x.Header("accept")?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);
        var wire = new EcsWire(json);
        try
        {
            Func<string, string?> secretOf = k => state.FindAccount("alibaba", k)?.Secret;
            var v = acs3
                ? Acs3Verifier.Verify(x.Method, x.QueryParameters, x.Header, x.Http.Request.Headers.Keys, x.Body, secretOf, state.Now)
                : AliyunRpcVerifier.Verify(x.Method, x.Parameters, secretOf, state.Now);
            if (!v.Ok) throw new RejectionException(v.ErrorCode!, v.Message);
            var nonce = acs3 ? x.Header("x-acs-signature-nonce") : x.Param("SignatureNonce");
            if (string.IsNullOrEmpty(nonce) || !state.TryUseNonce("aliyun", v.KeyId!, nonce, TimeSpan.FromMinutes(15)))
                throw new RejectionException("SignatureNonceUsed", $"Specified signature nonce was used already: {nonce}.");
            var account = state.FindAccount("alibaba", v.KeyId!)!;
            var token = acs3 ? x.Header("x-acs-security-token") : x.Param("SecurityToken");
            if (account.Token is not null && string.IsNullOrEmpty(token))
                throw new RejectionException("InvalidSecurityToken.Expired", "Specified SecurityToken is missing or expired.");
            // Name from memory of Alibaba's STS errors (UNCONFIRMED in the reference).
            if (account.Token is not null ? token != account.Token : !string.IsNullOrEmpty(token))
                throw new RejectionException("InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatches the AccessKeyId.");

            if (!Versions.TryGetValue(x.Action, out var expectedVersion))
                throw new RejectionException("InvalidAction.NotFound", $"Specified api is not found, please check your url and method. Action: {x.Action}");
            var version = acs3 ? x.Header("x-acs-version") : x.Param("Version");
            if (version != expectedVersion) throw new RejectionException("InvalidVersion", $"Specified parameter Version is not valid: {version}.");
            if (!renewal.Admit(x, wire, account, x.Product + ":" + x.Action, namedOnly)) return;
            switch (x.Action)
            {
                case "DescribeInstanceAutoRenewAttribute": renewal.Read(x, wire, e => EcsPolicies.Describe(state, e)); return;
                case "ModifyInstanceAutoRenewAttribute":
                    var change = EcsPolicies.ParseChange(x);
                    renewal.Write(x, wire, () => EcsPolicies.Apply(state, change), e => EcsWire.Answer(e, new System.Text.Json.Nodes.JsonObject()));
                    return;
                case "DescribeInstances": renewal.Read(x, wire, e => EcsReads.DescribeInstances(state, e)); return;
                case "DescribeRenewalPrice": renewal.Read(x, wire, e => QuoteRenewal(e, account)); return;
                case "QueryAccountBalance": renewal.Read(x, wire, e => EcsReads.AccountBalance(state, e, account)); return;
            }

            var request = Validate(x);
            var orderId = state.NextOrderId();
            ClientTokenStore.Entry? entry = null;
            renewal.Execute(x, wire, account,
                check: () =>
                {
                    if (request.ClientToken is { } ct && state.Tokens.Get(account.Id, ct) is { } seen)
                    {
                        if (seen.ParameterKey != request.ParameterKey)
                            throw new RejectionException("IdempotenceParamNotMatch", "Request uses a client token in a previous request but is not identical to that request.");
                        if (!seen.Done) throw new RejectionException("LastTokenProcessing", "The last token request is processing.");
                        wire.Success(x, seen.OrderId); // replay: original OrderId, no second charge
                        return null;
                    }
                    return Plan(account, request);
                },
                writeSuccess: e => wire.Success(e, orderId),
                onExecuted: _ =>
                {
                    if (request.ClientToken is null) return;
                    entry = new ClientTokenStore.Entry { ParameterKey = request.ParameterKey, OrderId = orderId };
                    state.Tokens.Begin(account.Id, request.ClientToken, entry);
                });
            // Executed but maybe faulted (500/drop/slow): the token still ends up recorded as succeeded, just
            // before the answer leaves, so a client resend after the fault gets the original OrderId.
            if (entry is not null)
                x.BeforeRespond = () => { lock (state.Sync) entry.Done = true; };
        }
        catch (RejectionException r)
        {
            wire.Error(x, r.Code, r.Message, r.Status);
        }
    }

    private bool International => state.Scenario.EcsSite.Equals("international", StringComparison.OrdinalIgnoreCase);

    private static (string? Period, string? Day) PeriodOrDayParameters(Exchange x)
    {
        var period = x.Param("Period");
        var day = x.Param("ExpectedRenewDay");
        if (period is not null && day is not null)
            throw new RejectionException("InvalidParameter", "Period and ExpectedRenewDay cannot be specified together.");
        return (period, day);
    }

    /// <summary>Period (in <paramref name="unit"/>: Month, Week, or Year = 12 months for quotes) or ExpectedRenewDay, validated.</summary>
    private (int? Months, int? RenewDay) PeriodOrDay(string? period, string unit, string? day)
    {
        if (period is not null)
        {
            int[] allowed = unit switch
            {
                "Week" => [1, 2, 3, 4],
                "Year" => [1, 2, 3],
                _ => International ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 12] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60],
            };
            if (!int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || !allowed.Contains(p))
                throw new RejectionException("InvalidPeriod", $"The specified period is not valid: {period} {unit} (allowed: {string.Join(",", allowed)}).");
            return (unit == "Year" ? 12 * p : p, null);
        }
        if (day is null) return (null, null);
        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d is < 1 or > 28)
            throw new RejectionException("InvalidExpectedRenewDay.ValueNotSupported", $"The specified ExpectedRenewDay is not valid: {day}.");
        return (null, d);
    }

    /// <summary>
    /// DescribeRenewalPrice (cloud-apis.md §6.1): the price is what RenewInstance would charge for the same period.
    /// DiscountPrice is the discount amount (0 here), TradePrice the price to pay. Caller holds the state lock.
    /// </summary>
    private void QuoteRenewal(Exchange x, EmulatedAccount account)
    {
        EcsReads.Required(x, "RegionId");
        var id = EcsReads.Required(x, "ResourceId");
        if ((x.Param("ResourceType") ?? "instance") != "instance")
            throw new RejectionException("InvalidParameter", $"ResourceType {x.Param("ResourceType")} is not emulated.");
        var (period, day) = PeriodOrDayParameters(x);
        var unit = x.Param("PriceUnit") ?? "Month";
        // UNCONFIRMED: the code for a bad PriceUnit.
        if (unit is not ("Month" or "Year")) throw new RejectionException("InvalidParameter", $"The specified parameter PriceUnit is not valid: {unit}.");
        var (months, renewDay) = PeriodOrDay(period, unit, day);
        if (months is null && renewDay is null) months = 1; // only the required parameters: one month
        var plan = Plan(account, new EcsRequest(id, months, false, renewDay, null, ""), quote: true);
        EcsWire.Answer(x, new System.Text.Json.Nodes.JsonObject
        {
            ["PriceInfo"] = System.Text.Json.JsonSerializer.SerializeToNode(new
            {
                Price = new
                {
                    OriginalPrice = plan.Cost,
                    DiscountPrice = 0m,
                    TradePrice = plan.Cost,
                    Currency = International ? "USD" : "CNY",
                    DetailInfos = new { DetailInfo = Array.Empty<object>() },
                },
                Rules = new { Rule = Array.Empty<object>() },
            }),
        });
    }

    private sealed record EcsRequest(string InstanceId, int? Period, bool Weeks, int? ExpectedRenewDay, string? ClientToken, string ParameterKey);

    private EcsRequest Validate(Exchange x)
    {
        var instanceId = EcsReads.Required(x, "InstanceId");
        var token = x.Param("ClientToken");
        if (token is not null && (token.Length is 0 or > 64 || token.Any(c => c > 127)))
            throw new RejectionException("InvalidClientToken.ValueNotSupported", "The ClientToken provided is invalid.");
        var (period, day) = PeriodOrDayParameters(x);
        var unit = x.Param("PeriodUnit") ?? "Month";
        if (unit is not ("Month" or "Week") || (unit == "Week" && International))
            throw new RejectionException("InvalidPeriodUnit.ValueNotSupported", $"The specified parameter PeriodUnit is not valid: {unit}.");
        if (period is null && day is null) throw new RejectionException("MissingParameter", "Either Period or ExpectedRenewDay must be specified.");
        var (months, renewDay) = PeriodOrDay(period, unit, day);
        var key = string.Join('&', x.Parameters.Where(p => !NotBusinessParameters.Contains(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return new EcsRequest(instanceId, months, unit == "Week", renewDay, token, key + "&Action=" + x.Action);
    }

    /// <summary>Caller holds the state lock; <paramref name="quote"/> = a price inquiry (no balance needed). Week is charged as a quarter month; ExpectedRenewDay pro rata by days/30.</summary>
    private RenewalPlan Plan(EmulatedAccount account, EcsRequest r, bool quote = false)
    {
        var inst = state.Find(r.InstanceId, "ecs", null, EmulatorState.EcsId().IsMatch(r.InstanceId))
            ?? throw new RejectionException("InvalidInstanceId.NotFound", $"The specified InstanceId does not exist: {r.InstanceId}.");
        if (!string.IsNullOrEmpty(inst.ForcedError)) throw new RejectionException(inst.ForcedError, $"Operation refused for instance {inst.Id}.");
        if (!inst.ChargeType.Equals("PrePaid", StringComparison.OrdinalIgnoreCase))
            throw new RejectionException("ChargeTypeViolation", $"The operation is not permitted due to charge type of the instance {inst.Id}.");
        if (inst.LockedForSecurity)
            throw new RejectionException("InstanceLockedForSecurity", $"The specified operation is denied as your instance {inst.Id} is locked for security reasons.");
        if (inst.UnpaidOrder || account.UnpaidOrder)
            throw new RejectionException("Instance.UnPaidOrder", $"The specified instance {inst.Id} has unpaid order.");
        if (inst.State.ToUpperInvariant() is not ("RUNNING" or "STOPPED"))
            throw new RejectionException("IncorrectInstanceStatus", $"The current status of the resource does not support this operation: {inst.Id} is {inst.State}.");

        Func<DateTimeOffset, DateTimeOffset> extend;
        decimal cost;
        if (r.ExpectedRenewDay is { } day)
        {
            extend = e => { var n = e.AddDays(1); while (n.Day != day) n = n.AddDays(1); return n; };
            cost = Math.Round(inst.MonthlyPrice * (decimal)(extend(inst.Expiry) - inst.Expiry).TotalDays / 30m, 2);
        }
        else if (r.Weeks)
        {
            extend = e => e.AddDays(7 * r.Period!.Value);
            cost = inst.MonthlyPrice * r.Period!.Value / 4m;
        }
        else
        {
            extend = e => e.AddMonths(r.Period!.Value);
            cost = inst.MonthlyPrice * r.Period!.Value;
        }
        if (extend(inst.Expiry) > state.Now.AddYears(5))
            throw new RejectionException("InvalidPeriod.ExceededMaximumExpirationDate", $"The specified renewal period cannot exceed the maximum expiration date (5 years) for {inst.Id}.");
        if (!quote && cost > account.Balance)
            throw new RejectionException("InvalidAccountStatus.NotEnoughBalance", $"Your account does not have enough balance to renew {inst.Id}: cost {cost}, balance {account.Balance}.");
        return new RenewalPlan([inst], extend, cost);
    }
}
