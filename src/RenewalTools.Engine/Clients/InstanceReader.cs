using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using RenewalTools.Credentials;
using RenewalTools.Engine;
using RenewalTools.Errors;

namespace RenewalTools.Clients
{
    /// <summary>
    /// One cloud's "describe instances" read: its request shape per page, its answer, its limit. Reads cannot charge, so
    /// every failure but a refusal is retried (InstanceReads).
    /// </summary>
    internal abstract class InstanceReader : CloudAction
    {
        /// <summary>Every read API here pages by at most 100 and takes at most 100 IDs (cloud-read-apis.md §A).</summary>
        public const int PageSize = 100;

        public abstract CloudProvider Provider { get; }
        /// <summary>The documented per-account limit of this read.</summary>
        public abstract double RequestsPerSecond { get; }

        /// <summary>
        /// Where this describe carries no auto-renew policy (ECS): the read that completes each page with it. Set only by
        /// the commands that show or set the policy; a renewal does not pay for it.
        /// </summary>
        public PolicyReader? Policies { get; set; }

        /// <summary>Signs the request for one page; <paramref name="cursor"/> is the previous page's <see cref="InstancePage.Next"/>.</summary>
        public abstract HttpRequestMessage BuildRequest(InstanceQuery query, string? cursor, SigningContext context);

        /// <summary>Reads an accepted answer's page; null when it is not this read's shape.</summary>
        public abstract InstancePage? ParsePage(string body, InstanceQuery query, string? cursor, DateTimeOffset readAt);

        /// <summary>Fills the fields every cloud's instance shares, DaysLeft from the read time.</summary>
        protected CloudInstance Instance(string id, string region, string chargeType, DateTimeOffset? expiresAt, DateTimeOffset readAt) => new CloudInstance
        {
            Service = Service,
            InstanceId = id,
            Region = region,
            ChargeType = chargeType,
            // A postpaid instance's expiry is a placeholder (50 years ahead on MongoDB, 2099 on ECS): not a date to act on.
            ExpiresAt = chargeType == CloudInstance.PostpaidCharge ? null : expiresAt,
            DaysLeft = chargeType == CloudInstance.PostpaidCharge || !expiresAt.HasValue ? null : (int)Math.Floor((expiresAt.Value - readAt).TotalDays),
            ReadAt = readAt,
        };

        /// <summary>
        /// The cursors of the pages that may be requested once <paramref name="page"/> has answered: with an offset and a
        /// total, every remaining page at once (the offsets step by this page's size, whatever Limit the cloud applied);
        /// with a token, only the next page, because each token comes from the previous answer.
        /// </summary>
        public static IEnumerable<string> CursorsAfter(InstancePage page)
        {
            if (page.Next is null)
            {
                yield break;
            }
            if (!(page.Total is long total) || page.Instances.Count == 0)
            {
                yield return page.Next;
                yield break;
            }
            for (var offset = long.Parse(page.Next, CultureInfo.InvariantCulture); offset < total; offset += page.Instances.Count)
            {
                yield return offset.ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>Offset paging (Tencent): the next offset while TotalCount is not reached.</summary>
        protected static string? NextOffset(string? cursor, int count, long total)
        {
            var offset = cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
            return count > 0 && offset + count < total ? (offset + count).ToString(CultureInfo.InvariantCulture) : null;
        }

        protected static DateTimeOffset? Time(JsonElement parent, string name, string[] formats, TimeSpan zone)
        {
            var text = Clients.Tencent.Json.Text(parent, name);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }
            return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone).ToUniversalTime()
                : null;
        }
    }
}
