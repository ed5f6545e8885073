namespace RenewalTools.Errors
{
    /// <summary>One named, classified error case.</summary>
    internal sealed class ErrorClass
    {
        public ErrorClass(string code, ErrorKind kind, FailureCategory category, ErrorScope scope, string meaning, bool clockSkew = false)
        {
            Code = code;
            Kind = kind;
            Category = category;
            Scope = scope;
            Meaning = meaning;
            ClockSkew = clockSkew;
        }

        public string Code { get; }
        public ErrorKind Kind { get; }
        public FailureCategory Category { get; }
        public ErrorScope Scope { get; }
        /// <summary>What it means for the operator, in one sentence.</summary>
        public string Meaning { get; }
        /// <summary>The request was refused for its timestamp: correct the clock from the server's Date header and resend.</summary>
        public bool ClockSkew { get; }
    }
}
