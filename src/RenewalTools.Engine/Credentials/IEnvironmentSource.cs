namespace RenewalTools.Credentials
{
    /// <summary>The process environment, behind a seam so tests can supply their own.</summary>
    internal interface IEnvironmentSource
    {
        string? Variable(string name);
        string HomeDirectory { get; }
    }
}
