using System;

namespace RenewalTools.Credentials
{
    internal sealed class ProcessEnvironment : IEnvironmentSource
    {
        public static ProcessEnvironment Instance { get; } = new ProcessEnvironment();

        public string? Variable(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        public string HomeDirectory =>
            Variable("HOME") ?? Variable("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
