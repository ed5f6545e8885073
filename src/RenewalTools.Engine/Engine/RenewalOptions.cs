using System;

namespace RenewalTools.Engine
{
    internal sealed class RenewalOptions
    {
        /// <summary>Requests in flight at once.</summary>
        public int ThrottleLimit { get; set; } = 8;
        /// <summary>How long to wait for one answer before the outcome is Unknown.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Refusals that prove nothing executed (throttling, replay, busy) tolerated per batch before it fails.</summary>
        public int MaxAttempts { get; set; } = 10;
        /// <summary>
        /// Throttling answers tolerated per request: the cloud says "come back later" and nothing executed, so a bulk run
        /// under sustained throttling keeps going rather than failing instances (30% throttling would otherwise exhaust
        /// a budget of 10 for about 1 instance in 40,000).
        /// </summary>
        public int MaxThrottledAttempts { get; set; } = 20;

        /// <summary>Refused connections tolerated per request: one quick retry covers a blip; more only delays a wrong -Endpoint.</summary>
        public int MaxConnectAttempts { get; set; } = 2;

        /// <summary>May-have-executed failures tolerated per request when the API makes a resend harmless (ECS ClientToken).</summary>
        public int MaxIdempotentAttempts { get; set; } = 6;
        public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMilliseconds(200);
        public TimeSpan BackoffCap { get; set; } = TimeSpan.FromSeconds(8);
        /// <summary>After Ctrl+C, how long requests already sent may take to answer.</summary>
        public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(5);
        /// <summary>
        /// How long to read the cloud back after a renewal: until the expiry moves (then Renewed), and after a request that
        /// may have executed, until the state is conclusive. No change within it, and no renewal in progress, is what
        /// counts as "did not execute".
        /// </summary>
        public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(120);
        /// <summary>First pause between read-backs; doubles up to <see cref="PollCap"/>.</summary>
        public TimeSpan PollFirst { get; set; } = TimeSpan.FromSeconds(1);
        public TimeSpan PollCap { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>Renew only instances whose expiry (from the pre-read) is at most this many days away; the rest are Skipped.</summary>
        public int? OnlyIfExpiringWithinDays { get; set; }
        /// <summary>
        /// How long after an unanswered attempt the cloud's records are taken as complete: a renewal that executed shows
        /// its CVM operation and its billing order within it. Only then does their absence count as "did not execute".
        /// The listing delay of DescribeDealsByCond is undocumented (UNCONFIRMED); this is the module's assumption.
        /// </summary>
        public TimeSpan SettleWindow { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>Read the cloud back after sending (-NoWait: no).</summary>
        public bool ReadBack { get; set; } = true;

        /// <summary>Overrides the API's documented rate limit (requests per second per account).</summary>
        public double? RequestsPerSecond { get; set; }
        /// <summary>Pace a little under the limit: arrival jitter must not push a window over it.</summary>
        public double PacingHeadroom { get; set; } = 0.95;
    }
}
