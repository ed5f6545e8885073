namespace RenewalTools.Engine
{
    /// <summary>What one witness (the instance read back, its billing orders) says of an attempt whose answer was lost.</summary>
    internal enum EvidenceKind
    {
        /// <summary>The expiry moved by the period: renewed.</summary>
        Renewed,
        /// <summary>The cloud recorded this renewal (CVM operation, billing order): it executed; the expiry may follow later.</summary>
        Executed,
        /// <summary>The cloud recorded it as failed (CVM FAILED, a closed order): nothing was renewed or charged.</summary>
        Failed,
        /// <summary>The witness lists nothing that could be this attempt.</summary>
        Absent,
        /// <summary>The witness cannot tell (an order that could be an earlier one, an order in payment, too many orders).</summary>
        Ambiguous,
    }
}
