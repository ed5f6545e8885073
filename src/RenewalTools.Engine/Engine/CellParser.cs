namespace RenewalTools.Engine
{
    /// <summary>Reads one setting from a cell or a typed value; returns the problem (naming <paramref name="name"/>) or null.</summary>
    internal delegate string? CellParser<T>(object cell, string name, out T value);
}
