using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace RenewalTools.Engine.Pipeline
{
    /// <summary>
    /// Reads one region's group (up to 100 IDs a describe request) before anything is sent, and lets the action admit
    /// each input from what the cloud shows: send it, end it now (not found, not prepaid, not due, already as asked), or
    /// settle an earlier run's attempt first.
    /// </summary>
    internal sealed class PreRead<TRequest>
        where TRequest : WriteRequest
    {
        private readonly RunScope<TRequest> _run;

        public PreRead(RunScope<TRequest> run)
        {
            _run = run;
        }

        /// <summary>The inputs admitted for sending; every other input of the group has its outcome.</summary>
        public async Task<List<TRequest>> AdmitAsync(List<TRequest> group)
        {
            var action = _run.Action;
            var region = group[0].Region;
            Dictionary<string, CloudInstance>? found = null;
            try
            {
                found = await action.Reads!.LookupAsync(region, group.Select(r => r.InstanceId), _run.Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _run.CompleteStopped(group, null);
                return new List<TRequest>();
            }
            catch (CloudReadException ex)
            {
                _run.Post(SessionEventKind.Warning, action.PreReadFailed(region, ex));
            }

            var send = new List<TRequest>();
            var settleFirst = new List<TRequest>();
            foreach (var r in group)
            {
                if (found != null && !found.ContainsKey(r.InstanceId) && !r.EarlierAttemptMayHaveExecuted && action.Reads!.Refused(r.InstanceId, out var refusal))
                {
                    // Not "not found": the cloud refused the ID itself, and would refuse the write the same way.
                    _run.Complete(r, Outcome.Failed(refusal, "The cloud refused this ID when it was read before sending (" + action.Reads!.Action + "). Nothing was sent."));
                    continue;
                }
                CloudInstance? instance = null;
                var admission = action.Admit(r, found != null && found.TryGetValue(r.InstanceId, out instance) ? instance : null, read: found != null);
                switch (admission.Kind)
                {
                    case AdmissionKind.Send:
                        send.Add(r);
                        break;
                    case AdmissionKind.SettleFirst:
                        settleFirst.Add(r);
                        break;
                    default:
                        _run.Complete(r, admission.Outcome!);
                        break;
                }
            }
            if (settleFirst.Count > 0)
            {
                send.AddRange(_run.CompleteSettled(await action.SettleEarlierAsync(settleFirst, _run.Stopping).ConfigureAwait(false), null));
            }
            return send;
        }
    }
}
