using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using RenewalTools.Credentials;
using RenewalTools.Transport;

namespace RenewalTools.Cmdlets
{
    /// <summary>
    /// What every cmdlet that talks to a cloud binds: the key, the profile, the endpoint, the timeout and concurrency,
    /// and the rules for finding credentials and the default region. Renewal parameters live in RenewalCmdletBase.
    /// </summary>
    public abstract class CloudCmdletBase : PSCmdlet
    {
        private CredentialResolver? _resolver;

        /// <summary>Key pair: user name = SecretId / AccessKeyId, password = SecretKey / AccessKeySecret.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>STS session token to send with -Credential.</summary>
        [Parameter]
        public System.Security.SecureString? SessionToken { get; set; }

        /// <summary>Names a tccli / aliyun CLI profile to read credentials from.</summary>
        [Parameter]
        public string? ProfileName { get; set; }

        /// <summary>Base URI overriding the cloud's endpoint (private endpoints, the local emulator).</summary>
        [Parameter]
        public Uri? Endpoint { get; set; }

        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Seconds to wait for one answer; after that the outcome is Unknown.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        /// <summary>Which cloud provider's credentials, region variables and rules apply.</summary>
        internal abstract CloudProvider Provider { get; }

        /// <summary>The environment variable that supplies a default region.</summary>
        internal string RegionVariable => Provider == CloudProvider.Tencent ? "TENCENTCLOUD_REGION" : "ALIBABA_CLOUD_REGION_ID";

        internal virtual IEnvironmentSource Environment => ProcessEnvironment.Instance;

        internal CredentialResolver Resolver => _resolver ??= new CredentialResolver(Environment);

        /// <summary>Stops the command before anything is sent when -Endpoint is not an https URI (or http to loopback).</summary>
        internal void CheckEndpoint()
        {
            if (Endpoint != null && EndpointPolicy.Check(Endpoint) is string endpointProblem)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(endpointProblem), "InsecureOrInvalidEndpoint", ErrorCategory.InvalidArgument, Endpoint));
            }
        }

        internal CloudCredential ResolveCredential()
        {
            if (Credential != null)
            {
                var key = Credential.GetNetworkCredential();
                var token = SessionToken is null ? null : Plain(SessionToken);
                var credential = new CloudCredential(key.UserName.Trim(), key.Password.Trim(), token, "-Credential");
                WriteVerbose("Using credentials " + credential + (token is null ? "" : " with -SessionToken") + ".");
                return credential;
            }
            try
            {
                var found = Resolver.Resolve(Provider, ProfileName, out var searched);
                if (found is null)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException("No " + Provider + " credentials found; nothing was sent. Looked at: -Credential, " + string.Join(", ", searched) + "."),
                        "CredentialsNotFound", ErrorCategory.AuthenticationError, null));
                }
                WriteVerbose("Using credentials " + found + ".");
                return found!;
            }
            catch (CredentialException ex)
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(ex.Message), "CredentialsUnreadable", ErrorCategory.AuthenticationError, null));
                throw;
            }
        }

        private static string Plain(System.Security.SecureString secure)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(pointer) ?? "";
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

    }
}
