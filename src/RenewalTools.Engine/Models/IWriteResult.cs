namespace RenewalTools
{
    /// <summary>What the write cmdlets need of any action's result to name it in an error record.</summary>
    internal interface IWriteResult
    {
        string Service { get; }
        string InstanceId { get; }
        string? Region { get; }
        string? Message { get; }
        string? RequestId { get; }
        /// <summary>The result's status in its own words (Renewed, Changed…).</summary>
        string StatusText { get; }
    }
}
