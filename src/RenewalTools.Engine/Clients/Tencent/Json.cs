using System.Text.Json;

namespace RenewalTools.Clients.Tencent
{
    internal static class Json
    {
        public static string? Text(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var v))
            {
                return null;
            }
            return v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            };
        }
    }
}
