using System;
using System.Collections.Generic;
using System.Globalization;

namespace RenewalTools
{
    /// <summary>One Tencent billing order (a Deal of DescribeDealsByCond), reduced to what settles a renewal.</summary>
    internal sealed class BillingOrder
    {
        /// <summary>The zone Tencent's console shows; whether the billing API answers in it is UNCONFIRMED (policy-and-evidence.md §3).</summary>
        public static readonly TimeSpan BeijingTime = TimeSpan.FromHours(8);

        public BillingOrder(string orderId, int status, string createTime, string? action, IReadOnlyList<string>? resourceIds)
        {
            OrderId = orderId;
            Status = status;
            CreateTime = createTime;
            Action = action;
            ResourceIds = resourceIds;
        }

        public string OrderId { get; }
        /// <summary>The SDK's status codes: 1 unpaid, 2 paid, 3 delivering, 4 delivered, 5 delivery failed, 6 refunded, 7 closed, …</summary>
        public int Status { get; }
        /// <summary>"yyyy-MM-dd HH:mm:ss" without a zone.</summary>
        public string CreateTime { get; }
        public string? Action { get; }
        /// <summary>Null when the answer leaves it out (Limit above 200).</summary>
        public IReadOnlyList<string>? ResourceIds { get; }

        /// <summary>The earliest and the latest instant <see cref="CreateTime"/> can mean: read as Beijing time, and as UTC.</summary>
        public bool TryCreatedBetween(out DateTimeOffset earliest, out DateTimeOffset latest)
        {
            earliest = latest = default;
            if (!DateTime.TryParseExact(CreateTime, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            {
                return false;
            }
            earliest = new DateTimeOffset(wall, BeijingTime);
            latest = new DateTimeOffset(wall, TimeSpan.Zero);
            return true;
        }

        /// <summary>Money was taken and the renewal is delivered or being delivered: it executed.</summary>
        public bool Executed => Status == 2 || Status == 3 || Status == 4;

        /// <summary>Delivery failed, refunded, closed, expired or void: it renewed nothing.</summary>
        public bool Closed => Status >= 5 && Status <= 11;

        public string Describe() => "order " + OrderId + " (status " + Status.ToString(CultureInfo.InvariantCulture) + ", created " + CreateTime + ")";
    }
}
