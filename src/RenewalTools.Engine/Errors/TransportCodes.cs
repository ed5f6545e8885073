namespace RenewalTools.Errors
{
    /// <summary>Codes the module assigns itself when no cloud code exists.</summary>
    internal static class TransportCodes
    {
        public const string ConnectFailed = "Transport.ConnectFailed";
        public const string ConnectionDropped = "Transport.ConnectionDropped";
        public const string Timeout = "Transport.Timeout";
        public const string ServerError = "Transport.ServerError";
        public const string UnreadableResponse = "Transport.UnreadableResponse";
        /// <summary>The journal holds an unanswered attempt from an earlier run.</summary>
        public const string PreviousRunUnknown = "PreviousRunUnknown";
        /// <summary>The journal could not record a request's intent, so the request was not sent.</summary>
        public const string JournalUnavailable = "JournalUnavailable";
    }
}
