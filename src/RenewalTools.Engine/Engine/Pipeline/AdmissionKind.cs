namespace RenewalTools.Engine.Pipeline
{
    /// <summary>See <see cref="Admission"/>.</summary>
    internal enum AdmissionKind
    {
        Send,
        SettleFirst,
        End,
    }
}
