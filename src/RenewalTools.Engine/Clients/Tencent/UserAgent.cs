namespace RenewalTools.Clients.Tencent
{
    internal static class UserAgent
    {
        public static string Value { get; } = "RenewalTools/" + typeof(UserAgent).Assembly.GetName().Version?.ToString(3);
    }
}
