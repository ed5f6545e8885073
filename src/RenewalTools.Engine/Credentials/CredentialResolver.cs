using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace RenewalTools.Credentials
{
    /// <summary>
    /// Finds credentials in the order of issue #5 (cloud-apis.md §7): explicit parameter, environment variables,
    /// the CLI profile files, the SDK credentials file. Reports only where a key came from.
    /// </summary>
    internal sealed class CredentialResolver
    {
        private readonly IEnvironmentSource _env;

        public CredentialResolver(IEnvironmentSource env)
        {
            _env = env;
        }

        public static readonly string[] TencentTokenVariables = { "TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_TOKEN", "TENCENTCLOUD_SECURITY_TOKEN" };

        private static readonly string[][] AlibabaVariableSets =
        {
            new[] { "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN" },
            new[] { "ALIBABACLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_SECURITY_TOKEN" },
            new[] { "ALICLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECURITY_TOKEN" },
            new[] { "ACCESS_KEY_ID", "ACCESS_KEY_SECRET", "SECURITY_TOKEN" },
        };

        /// <summary>Returns null when nothing was found; <paramref name="searched"/> then says where it looked.</summary>
        public CloudCredential? Resolve(CloudProvider provider, string? profileName, out IReadOnlyList<string> searched)
        {
            var looked = new List<string>();
            searched = looked;
            return provider == CloudProvider.Tencent ? ResolveTencent(profileName, looked) : ResolveAlibaba(profileName, looked);
        }

        public string? DefaultRegion(CloudProvider provider) => provider == CloudProvider.Tencent
            ? _env.Variable("TENCENTCLOUD_REGION")
            : _env.Variable("ALIBABA_CLOUD_REGION_ID") ?? _env.Variable("ALIBABACLOUD_REGION_ID") ?? _env.Variable("ALICLOUD_REGION_ID");

        private CloudCredential? ResolveTencent(string? profileName, List<string> looked)
        {
            // tccli applies environment credentials only when no profile is named, and only when both are set (§7).
            if (profileName is null)
            {
                looked.Add("environment variables TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY");
                var id = _env.Variable("TENCENTCLOUD_SECRET_ID");
                var key = _env.Variable("TENCENTCLOUD_SECRET_KEY");
                if (id != null && key != null)
                {
                    var tokenVariable = TencentTokenVariables.FirstOrDefault(v => _env.Variable(v) != null);
                    var source = "environment variables TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY" + (tokenVariable is null ? "" : " with " + tokenVariable);
                    return new CloudCredential(id, key, tokenVariable is null ? null : _env.Variable(tokenVariable), source);
                }
            }

            var profile = profileName ?? _env.Variable("TCCLI_PROFILE") ?? "default";
            var tccliFile = Path.Combine(_env.HomeDirectory, ".tccli", profile + ".credential");
            looked.Add("tccli profile " + tccliFile);
            var fromTccli = ReadJsonFile(tccliFile, root =>
            {
                if (root.TryGetProperty("type", out var type) && type.GetString() == "cvm-role")
                {
                    throw new CredentialException("The tccli profile '" + profile + "' uses a CVM role, which RenewalTools cannot assume; use a key pair profile or -Credential.");
                }
                var id = Text(root, "secretId");
                var key = Text(root, "secretKey");
                return id is null || key is null ? null : new CloudCredential(id, key, Text(root, "token"), "tccli profile '" + profile + "' (" + tccliFile + ")");
            });
            if (fromTccli != null)
            {
                return fromTccli;
            }

            foreach (var sdkFile in new[] { Path.Combine(_env.HomeDirectory, ".tencentcloud", "credentials"), "/etc/tencentcloud/credentials" })
            {
                looked.Add("Tencent SDK credentials file " + sdkFile);
                var section = IniSection(sdkFile, profileName ?? "default");
                if (section != null && section.TryGetValue("secret_id", out var id) && section.TryGetValue("secret_key", out var key))
                {
                    section.TryGetValue("token", out var token);
                    return new CloudCredential(id, key, token, "Tencent SDK credentials file " + sdkFile + " [" + (profileName ?? "default") + "]");
                }
            }
            return null;
        }

        private CloudCredential? ResolveAlibaba(string? profileName, List<string> looked)
        {
            if (profileName is null)
            {
                foreach (var set in AlibabaVariableSets)
                {
                    looked.Add("environment variables " + set[0] + "/" + set[1]);
                    var id = _env.Variable(set[0]);
                    var secret = _env.Variable(set[1]);
                    if (id != null && secret != null)
                    {
                        var token = _env.Variable(set[2]);
                        return new CloudCredential(id, secret, token, "environment variables " + set[0] + "/" + set[1] + (token is null ? "" : " with " + set[2]));
                    }
                }
            }

            var configFile = Path.Combine(_env.HomeDirectory, ".aliyun", "config.json");
            looked.Add("aliyun CLI profile " + configFile);
            return ReadJsonFile(configFile, root =>
            {
                var wanted = profileName ?? _env.Variable("ALIBABA_CLOUD_PROFILE") ?? Text(root, "current") ?? "default";
                if (!root.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }
                foreach (var p in profiles.EnumerateArray())
                {
                    if (Text(p, "name") != wanted)
                    {
                        continue;
                    }
                    var mode = Text(p, "mode") ?? "AK";
                    if (mode != "AK" && mode != "StsToken")
                    {
                        throw new CredentialException("The aliyun profile '" + wanted + "' uses mode " + mode + "; RenewalTools reads modes AK and StsToken. Use one of those or -Credential.");
                    }
                    var id = Text(p, "access_key_id");
                    var secret = Text(p, "access_key_secret");
                    return id is null || secret is null
                        ? null
                        : new CloudCredential(id, secret, mode == "StsToken" ? Text(p, "sts_token") : null, "aliyun CLI profile '" + wanted + "' (" + configFile + ")");
                }
                return null;
            });
        }

        private static CloudCredential? ReadJsonFile(string path, Func<JsonElement, CloudCredential?> read)
        {
            if (!File.Exists(path))
            {
                return null;
            }
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new CredentialException("The credentials file " + path + " does not hold a JSON object.");
                }
                return read(doc.RootElement);
            }
            catch (JsonException)
            {
                // The parser's message can quote the file's content: say only which file.
                throw new CredentialException("The credentials file " + path + " is not valid JSON.");
            }
        }

        private static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
                ? v.GetString()!.Trim()
                : null;

        private static Dictionary<string, string>? IniSection(string path, string section)
        {
            if (!File.Exists(path))
            {
                return null;
            }
            Dictionary<string, string>? current = null;
            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                {
                    continue;
                }
                if (line[0] == '[' && line[line.Length - 1] == ']')
                {
                    if (current != null)
                    {
                        break;
                    }
                    if (line.Substring(1, line.Length - 2).Trim() == section)
                    {
                        current = new Dictionary<string, string>(StringComparer.Ordinal);
                    }
                    continue;
                }
                var eq = line.IndexOf('=');
                if (current != null && eq > 0)
                {
                    current[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
                }
            }
            return current;
        }
    }
}
