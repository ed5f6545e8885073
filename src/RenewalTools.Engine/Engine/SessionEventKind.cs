namespace RenewalTools.Engine
{
    internal enum SessionEventKind
    {
        Result,
        Verbose,
        Debug,
        Warning,
        /// <summary>The run is refused before anything was sent (spend checks): one terminating error, nothing else.</summary>
        Refusal,
        /// <summary>A price quote (Get-*RenewalQuote).</summary>
        Quote,
    }
}
