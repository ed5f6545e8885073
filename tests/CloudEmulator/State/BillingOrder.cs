using System;
using System.Collections.Generic;

namespace CloudEmulator.State;

/// <summary>
/// One Tencent billing order (a Deal of billing DescribeDealsByCond 2018-07-09): every accepted Tencent renewal creates one
/// per instance. Status follows the SDK's codes: 3 delivering while an asynchronous renewal runs, 4 delivered, 5 delivery
/// failed (the charge refunded).
/// </summary>
public sealed class BillingOrder
{
    public string OrderId { get; init; } = "";
    public string BigDealId { get; init; } = "";
    public string AccountId { get; init; } = "";
    public string ResourceId { get; init; } = "";
    /// <summary>"cvm" or "mongodb".</summary>
    public string Service { get; init; } = "";
    public string Action { get; init; } = "renew";
    public int Status { get; set; }
    /// <summary>When it was created, on the emulator's clock (UTC); answered as Beijing time.</summary>
    public DateTimeOffset Created { get; init; }
    /// <summary>When DescribeDealsByCond starts to list it (<see cref="Scenario.BillingListingDelayMs"/>).</summary>
    public DateTimeOffset ListedFrom { get; init; }
    public decimal Cost { get; init; }
    public int Months { get; init; }

    internal static readonly IReadOnlyList<int> DeliveredOnly = [4];
}
