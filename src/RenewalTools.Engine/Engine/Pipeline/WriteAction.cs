using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// What one write action (renew, set the auto-renew policy) plugs into the write pipeline: who to read before sending
    /// and what that read decides, when the cloud's state shows the write, what a lost answer needs before a resend, and
    /// the typed result. Batching, pacing, retries, read-back polling and the one-outcome-per-input rule are the
    /// pipeline's (<see cref="WriteRun{TRequest}"/>).
    /// </summary>
    internal abstract class WriteAction<TRequest>
        where TRequest : WriteRequest
    {
        protected WriteAction(WriteApi<TRequest> api, InstanceReads? reads, RenewalOptions options)
        {
            Api = api;
            Reads = reads;
            Options = options;
        }

        public WriteApi<TRequest> Api { get; }

        /// <summary>The product's describe read, before sending and back after; null when the run reads nothing.</summary>
        public InstanceReads? Reads { get; }

        public RenewalOptions Options { get; }

        /// <summary>The word for "took effect" in messages: renewed, changed.</summary>
        public abstract string Effect { get; }

        /// <summary>An optional check between admission and sending (the renewal's spend cap).</summary>
        public virtual IPreSendGate<TRequest>? Gate => null;

        /// <summary>The input is read before it is sent (<see cref="Admit"/> decides from that read).</summary>
        public abstract bool ReadsBefore(TRequest request);

        /// <summary>The warning when one region's read before sending fails (every input of it then goes to <see cref="Admit"/> with no read).</summary>
        public abstract string PreReadFailed(string region, CloudReadException failure);

        /// <param name="instance">The instance as read before sending; null when not found, or when <paramref name="read"/> is false.</param>
        /// <param name="read">False: the read failed, so nothing is known of the instance.</param>
        public abstract Admission Admit(TRequest request, CloudInstance? instance, bool read);

        /// <summary>Settles journaled attempts of earlier runs (<see cref="Admission.SettleFirst"/>): an outcome each, or send again; an Unknown outcome's message already says it was an earlier run's.</summary>
        public virtual Task<IReadOnlyList<Settled<TRequest>>> SettleEarlierAsync(IReadOnlyList<TRequest> journaled, CancellationToken stop) =>
            throw new NotSupportedException(GetType().Name + " admits nothing to settle first.");

        /// <summary>A lost answer of this batch can be settled from the cloud's records (<see cref="SettleAsync"/>).</summary>
        public virtual bool CanSettle(IReadOnlyList<TRequest> batch) => false;

        /// <summary>Settles an attempt whose answer was lost: an outcome each, or send again where it is proven not to have executed.</summary>
        public virtual Task<IReadOnlyList<Settled<TRequest>>> SettleAsync(IReadOnlyList<TRequest> batch, ErrorClass cause, DateTimeOffset attemptEnded, CancellationToken stop) =>
            throw new NotSupportedException(GetType().Name + " settles nothing.");

        /// <summary>An accepted batch is read back until its write shows (<see cref="Verify"/>).</summary>
        public abstract bool CanVerify(IReadOnlyList<TRequest> batch);

        /// <summary>How long to read an accepted batch back: an answer that is itself the proof needs one read.</summary>
        public virtual TimeSpan VerifyFor(ApiAnswer answer) => Options.WaitTimeout;

        /// <summary>The outcome the read-back shows, or null while the instance does not show the write yet.</summary>
        public abstract Outcome? Verify(TRequest request, CloudInstance instance, ApiAnswer answer);

        /// <summary>The outcome of an accepted request that was not read back, or whose write did not show in time.</summary>
        public abstract Outcome Accepted(TRequest request, ApiAnswer answer, bool readBack);

        /// <summary>The one warning of a run whose accepted writes did not show in time; null for none.</summary>
        public abstract string? NotShownWarning(ApiAnswer answer);

        /// <summary>Called (and returns) before each request leaves: a journal records the intent here.</summary>
        public virtual void RecordIntent(IReadOnlyList<TRequest> batch, int attempt)
        {
        }

        /// <summary>The input's typed result (and its record, where the action journals).</summary>
        public abstract object Result(TRequest request, Outcome outcome);
    }
}
