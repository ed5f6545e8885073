using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// An optional check between admission and the first request (the renewal's spend cap and balance). A gate that holds
    /// all gets every admitted input at the end of input, and the run sends none of them unless it allows.
    /// </summary>
    internal interface IPreSendGate<TRequest>
        where TRequest : WriteRequest
    {
        /// <summary>Every admitted input is held until all are admitted, then checked together.</summary>
        bool HoldsAll { get; }

        /// <summary>While checking: how many of the inputs are checked, of how many.</summary>
        (int Answered, int Asked)? Progress { get; }

        /// <summary>Checks the held inputs together; a refusal stops the run before anything is sent.</summary>
        Task<SpendVerdict> CheckAsync(IReadOnlyList<TRequest> held, CancellationToken stop);

        /// <summary>Runs once before the first request of a run that does not hold (it may only warn).</summary>
        Task<SpendVerdict> BeforeFirstSendAsync(string region, CancellationToken stop);
    }
}
