using System;
using System.Collections.Generic;
using System.Linq;
using RenewalTools.Credentials;

namespace RenewalTools.Storage
{
    /// <summary>
    /// Finds the storage credential, first found wins (issue #18, azure-storage.md "Environment conventions"): a SAS in the
    /// URL, AZURE_STORAGE_SAS_TOKEN, AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_KEY, the managed identity
    /// (IDENTITY_ENDPOINT + IDENTITY_HEADER).
    /// </summary>
    internal static class BlobCredentialResolver
    {
        /// <summary>The public development key of Azurite's devstoreaccount1, for UseDevelopmentStorage=true.</summary>
        private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

        public static BlobCredential Resolve(BlobAddress address, IEnvironmentSource env)
        {
            if (address.Sas != null)
            {
                return new SasCredential(address.Sas, "the SAS token in the URL");
            }
            if (env.Variable("AZURE_STORAGE_SAS_TOKEN") is string sas)
            {
                return new SasCredential(sas, "environment variable AZURE_STORAGE_SAS_TOKEN");
            }
            if (env.Variable("AZURE_STORAGE_CONNECTION_STRING") is string connection)
            {
                return FromConnectionString(address, connection);
            }
            if (env.Variable("AZURE_STORAGE_KEY") is string key)
            {
                var account = env.Variable("AZURE_STORAGE_ACCOUNT") ?? address.Account;
                return SharedKey(address, account, key, "environment variable AZURE_STORAGE_KEY (Shared Key)");
            }
            if (env.Variable("IDENTITY_ENDPOINT") is string endpoint && env.Variable("IDENTITY_HEADER") is string header)
            {
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || Transport.EndpointPolicy.Check(uri) != null)
                {
                    throw new BlobStorageException("IDENTITY_ENDPOINT is not an https (or loopback http) URL.");
                }
                return new ManagedIdentityCredential(uri, header, env.Variable("AZURE_CLIENT_ID"), "managed identity (IDENTITY_ENDPOINT)");
            }
            throw new BlobStorageException("No credential for the storage account " + address.Account + ". Looked for: a SAS token in the URL, AZURE_STORAGE_SAS_TOKEN, AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_KEY, and a managed identity (IDENTITY_ENDPOINT and IDENTITY_HEADER, set in Azure Automation when the account's identity is on).");
        }

        private static BlobCredential FromConnectionString(BlobAddress address, string connection)
        {
            const string source = "environment variable AZURE_STORAGE_CONNECTION_STRING";
            var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in connection.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(new[] { '=' }, 2)).Where(p => p.Length == 2))
            {
                parts[pair[0].Trim()] = pair[1].Trim();
            }
            if (parts.TryGetValue("SharedAccessSignature", out var sas))
            {
                return new SasCredential(sas, source + " (SAS)");
            }
            if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return SharedKey(address, "devstoreaccount1", DevelopmentKey, source + " (development storage)");
            }
            if (parts.TryGetValue("AccountKey", out var key))
            {
                return SharedKey(address, parts.TryGetValue("AccountName", out var name) ? name : address.Account, key, source + " (Shared Key)");
            }
            throw new BlobStorageException(source + " has neither AccountKey nor SharedAccessSignature.");
        }

        private static BlobCredential SharedKey(BlobAddress address, string account, string key, string source)
        {
            if (!account.Equals(address.Account, StringComparison.Ordinal))
            {
                throw new BlobStorageException("The key from " + source + " is for the storage account " + account + ", but the URL names " + address.Account + ".");
            }
            return new SharedKeyCredential(account, key, source);
        }
    }
}
