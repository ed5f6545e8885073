namespace RenewalTools
{
    /// <summary>The unit of a renewal period (ECS renews by week too).</summary>
    internal enum PeriodUnit
    {
        Month,
        Week,
    }
}
