using System.Text.Json;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>Reads Tencent's answers: the API 3.0 envelope and the legacy gateway's code/message/codeDesc envelope.</summary>
    internal static class TencentEnvelope
    {
        /// <summary>{"Response":{"RequestId":…}} or {"Response":{"Error":{"Code","Message"},"RequestId"}} (cloud-apis.md §1.5).</summary>
        public static ApiAnswer? ParseApi3(string body)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Response", out var response) || response.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }
                var answer = new ApiAnswer { RequestId = Json.Text(response, "RequestId") };
                if (response.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    answer.ErrorCode = Json.Text(error, "Code") ?? "UnknownError";
                    answer.ErrorMessage = Json.Text(error, "Message") ?? "";
                }
                else
                {
                    answer.Success = true;
                }
                return answer;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>
        /// {"code":0,"message":"","codeDesc":"Success","dealId":"…"} (RenewInstance, code numeric, dealId top level) or
        /// {"code":"0",…,"data":{"dealId":"…"}} (RenewMongoDB, code a string). The named code is codeDesc when it is
        /// one; otherwise the numeric code (cloud-apis.md §4.4).
        /// </summary>
        public static ApiAnswer? ParseLegacy(string body)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var codeElement))
                {
                    return null;
                }
                var code = codeElement.ValueKind == JsonValueKind.Number ? codeElement.GetRawText() : codeElement.GetString() ?? "";
                var codeDesc = Json.Text(root, "codeDesc");
                var message = Json.Text(root, "message") ?? "";
                var answer = new ApiAnswer
                {
                    RequestId = Json.Text(root, "requestId") ?? Json.Text(root, "RequestId"),
                    DealId = Json.Text(root, "dealId") ?? (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? Json.Text(data, "dealId") : null),
                };
                if (code == "0")
                {
                    answer.Success = true;
                    return answer;
                }
                answer.ErrorCode = NamedLegacyCode(code, codeDesc);
                answer.NumericCode = code;
                answer.ErrorMessage = string.IsNullOrEmpty(message) ? codeDesc ?? "" : message;
                return answer;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>
        /// Seed 002's module codes are numbers of five or more digits (11050…) and are the code; otherwise the name in
        /// codeDesc is (seed 000's OperationConstraints.…); the common numeric code is kept for classification.
        /// </summary>
        private static string NamedLegacyCode(string code, string? codeDesc) =>
            code.Length >= 5 || string.IsNullOrEmpty(codeDesc) || codeDesc == "Success" ? code : codeDesc!;
    }
}
