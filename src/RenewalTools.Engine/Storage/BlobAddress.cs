using System;
using System.Linq;
using System.Net;
using RenewalTools.Transport;

namespace RenewalTools.Storage
{
    /// <summary>
    /// One blob (or container) of Azure Blob Storage, as given by a URL: https://account.blob.core.windows.net/container/blob
    /// or, on a loopback address (Azurite), the path-style http://127.0.0.1:10000/account/container/blob. A SAS in the
    /// URL's query is kept apart as a credential and never shown.
    /// </summary>
    internal sealed class BlobAddress
    {
        private readonly string _root;

        private BlobAddress(string root, string account, string container, string blob, string? sas)
        {
            _root = root;
            Account = account;
            Container = container;
            Blob = blob;
            Sas = sas;
        }

        public string Account { get; }
        public string Container { get; }
        /// <summary>The blob's name inside its container, escaped as in the URL; empty for a container URL.</summary>
        public string Blob { get; }
        /// <summary>The SAS token of the URL's query (no leading '?'), or null.</summary>
        public string? Sas { get; }

        /// <summary>The blob's URL without a query.</summary>
        public Uri Uri => new Uri(_root + Container + (Blob.Length == 0 ? "" : "/" + Blob));

        /// <summary>Safe to show: the URL with the SAS signature masked.</summary>
        public string Display => SasRedaction.Redact(Uri.AbsoluteUri + (Sas is null ? "" : "?" + Sas));

        /// <summary>Another blob of the same container, reached with the same SAS.</summary>
        public BlobAddress Sibling(string blob) => new BlobAddress(_root, Account, Container, blob, Sas);

        /// <summary>True for text that is meant as a URL rather than a file path.</summary>
        public static bool IsUrl(string? text) =>
            text != null && (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

        /// <summary>Parses a blob URL (or, with <paramref name="containerOnly"/>, a container URL); throws <see cref="BlobStorageException"/> naming the problem.</summary>
        public static BlobAddress Parse(string text, bool containerOnly)
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || EndpointPolicy.Check(uri) is string problem)
            {
                throw new BlobStorageException(SasRedaction.Redact(text) + " is not an https blob URL (http only on a loopback address such as Azurite's). " + (Uri.TryCreate(text.Trim(), UriKind.Absolute, out _) ? "" : "Example: https://account.blob.core.windows.net/container/journal.jsonl"));
            }
            var segments = uri.AbsolutePath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            // Azurite and other local endpoints name the account in the path; Azure names it in the host.
            var pathStyle = uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out _);
            var account = pathStyle ? segments.FirstOrDefault() : uri.Host.Split('.')[0];
            var rest = pathStyle ? segments.Skip(1).ToArray() : segments;
            var wanted = containerOnly ? "a container URL (https://account.blob.core.windows.net/container)" : "a blob URL (https://account.blob.core.windows.net/container/blob)";
            if (string.IsNullOrEmpty(account) || rest.Length == 0 || (containerOnly ? rest.Length != 1 : rest.Length < 2))
            {
                throw new BlobStorageException(SasRedaction.Redact(text) + " is not " + wanted + ".");
            }
            var root = uri.GetLeftPart(UriPartial.Authority) + "/" + (pathStyle ? account + "/" : "");
            var sas = uri.Query.TrimStart('?');
            return new BlobAddress(root, account!, rest[0], string.Join("/", rest.Skip(1)), sas.Length == 0 ? null : sas);
        }
    }
}
