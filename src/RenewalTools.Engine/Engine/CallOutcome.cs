using System;
using RenewalTools.Clients;
using RenewalTools.Errors;
using RenewalTools.Transport;

namespace RenewalTools.Engine
{
    /// <summary>What one signed request got back: an accepted answer, or a classified failure.</summary>
    internal sealed class CallOutcome
    {
        public CallOutcome(HttpExchange exchange, ApiAnswer? answer, ErrorClass? failure, string message, TimeSpan? skew, int clockVersion)
        {
            Exchange = exchange;
            Answer = answer;
            Failure = failure;
            Message = message;
            Skew = skew;
            ClockVersion = clockVersion;
        }

        public HttpExchange Exchange { get; }
        /// <summary>The cloud's answer, when the body was the action's envelope.</summary>
        public ApiAnswer? Answer { get; }
        /// <summary>Null when the cloud accepted the request.</summary>
        public ErrorClass? Failure { get; }
        /// <summary>Detail for the operator: the cloud's own message ("Cloud message: …") or the local transport detail.</summary>
        public string Message { get; }
        /// <summary>Server time minus the time the request was signed with, when the server sent a Date header.</summary>
        public TimeSpan? Skew { get; }
        /// <summary>The clock correction the request was signed under (see <see cref="CloudCaller.TryCorrectClock"/>).</summary>
        public int ClockVersion { get; }
        public bool Accepted => Failure is null;
    }
}
