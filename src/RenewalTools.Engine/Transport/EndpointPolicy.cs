using System;
using System.Globalization;
using System.Net;

namespace RenewalTools.Transport
{
    /// <summary>Where requests may go.</summary>
    internal static class EndpointPolicy
    {
        /// <summary>HTTPS is required except for loopback (the emulator, local proxies): keys and tokens must not cross a network in clear.</summary>
        public static string? Check(Uri endpoint)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                return "-Endpoint must be an absolute http(s) URI, for example https://cvm.tencentcloudapi.com.";
            }
            if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
            {
                return "-Endpoint " + endpoint.GetLeftPart(UriPartial.Authority) + " uses http:// on a non-loopback host; HTTPS is required so that keys and tokens never cross a network in clear.";
            }
            return null;
        }

        public static bool IsLoopback(Uri endpoint) =>
            endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

        /// <summary>The Host header value HttpClient will send for this URI: signatures must cover exactly it.</summary>
        public static string HostHeader(Uri uri) => uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>Keeps the override's scheme, host and port; the API decides the path.</summary>
        public static Uri Combine(Uri? overrideBase, string defaultBase, string path)
        {
            var root = overrideBase is null ? new Uri(defaultBase) : new Uri(overrideBase.GetLeftPart(UriPartial.Authority));
            return new Uri(root, path);
        }
    }
}
