namespace RenewalTools.Engine.Pipeline
{
    /// <summary>What the read before sending decided for one input: send it, settle an earlier attempt first, or end it now.</summary>
    internal sealed class Admission
    {
        private Admission(AdmissionKind kind, Outcome? outcome)
        {
            Kind = kind;
            Outcome = outcome;
        }

        public AdmissionKind Kind { get; }
        /// <summary>For <see cref="AdmissionKind.End"/>: its one outcome, decided without sending.</summary>
        public Outcome? Outcome { get; }

        public static readonly Admission Send = new Admission(AdmissionKind.Send, null);

        /// <summary>A journaled attempt of an earlier run is settled from the cloud's records before anything is sent.</summary>
        public static readonly Admission SettleFirst = new Admission(AdmissionKind.SettleFirst, null);

        public static Admission End(Outcome outcome) => new Admission(AdmissionKind.End, outcome);
    }
}
