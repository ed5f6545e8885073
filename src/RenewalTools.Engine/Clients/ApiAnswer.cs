namespace RenewalTools.Clients
{
    /// <summary>The cloud's answer to one write request, reduced to what the engine needs.</summary>
    internal sealed class ApiAnswer
    {
        public bool Success { get; set; }
        public string? RequestId { get; set; }
        public string? DealId { get; set; }
        public string? OrderId { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
        /// <summary>The legacy gateway's numeric common code, when the named code is in codeDesc.</summary>
        public string? NumericCode { get; set; }
    }
}
