using System;

namespace RenewalTools.Engine
{
    /// <summary>One witness's verdict on an unanswered attempt, with the detail a result message quotes.</summary>
    internal sealed class Evidence
    {
        private Evidence(EvidenceKind kind, string detail, DateTimeOffset? newExpiry = null)
        {
            Kind = kind;
            Detail = detail;
            NewExpiry = newExpiry;
        }

        public EvidenceKind Kind { get; }
        public string Detail { get; }
        public DateTimeOffset? NewExpiry { get; }

        public static Evidence Renewed(string detail, DateTimeOffset newExpiry) => new Evidence(EvidenceKind.Renewed, detail, newExpiry);

        public static Evidence Executed(string detail) => new Evidence(EvidenceKind.Executed, detail);

        public static Evidence Failed(string detail) => new Evidence(EvidenceKind.Failed, detail);

        public static Evidence Absent(string detail) => new Evidence(EvidenceKind.Absent, detail);

        public static Evidence Ambiguous(string detail) => new Evidence(EvidenceKind.Ambiguous, detail);
    }
}
