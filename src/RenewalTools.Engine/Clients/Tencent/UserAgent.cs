using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using RenewalTools.Credentials;
using RenewalTools.Errors;
using RenewalTools.Signing;
using RenewalTools.Transport;

namespace RenewalTools.Clients.Tencent
{
    internal static class UserAgent
    {
        public static string Value { get; } = "RenewalTools/" + typeof(UserAgent).Assembly.GetName().Version?.ToString(3);
    }
}
