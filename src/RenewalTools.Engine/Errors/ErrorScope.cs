namespace RenewalTools.Errors
{
    /// <summary>Who caused it: one instance (so a batch can be split to isolate it) or the whole request/account.</summary>
    internal enum ErrorScope
    {
        Request,
        Instance,
    }
}
