using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudEmulator;
using Xunit;

namespace RenewalTools.Tests.Harness
{
    /// <summary>A fresh emulator and a fresh runspace with the module imported, for one test.</summary>
    public abstract class EmulatorTest : IAsyncLifetime, IDisposable
    {
        private EmulatorHost? _emulator;
        private PowerShellRun? _ps;
        private string? _temp;

        /// <summary>A scratch folder for this test, deleted afterwards.</summary>
        protected string TempDirectory => _temp ??= System.IO.Directory.CreateTempSubdirectory("renewaltools-test-").FullName;

        protected EmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

        protected PowerShellRun PS => _ps ??= new PowerShellRun(Interactive, readCloudState: ReadsCloudState);

        protected virtual bool Interactive => true;

        /// <summary>Prefix of a script whose rows carry their own RenewFlag: drops the renewal-only default flag in this test's runspace.</summary>
        protected const string NoDefaultFlags = "$PSDefaultParameterValues.Remove('Invoke-CvmRenewal:RenewFlag'); $PSDefaultParameterValues.Remove('Invoke-MongoDbRenewal:RenewFlag'); ";

        /// <summary>True: the renewal cmdlets read the cloud before and after sending, as by default for users (issue #10).</summary>
        protected virtual bool ReadsCloudState => false;

        protected abstract Scenario CreateScenario();

        public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync(CreateScenario());

        public async Task DisposeAsync()
        {
            if (_emulator != null)
            {
                await _emulator.DisposeAsync();
            }
        }

        public void Dispose()
        {
            _ps?.Dispose();
            if (_temp != null)
            {
                try
                {
                    System.IO.Directory.Delete(_temp, recursive: true);
                }
                catch (System.IO.IOException)
                {
                }
            }
            GC.SuppressFinalize(this);
        }

        /// <summary>Runs script with $endpoint, $tc (Tencent) and $ali (Alibaba) credentials and any extra variables set.</summary>
        protected RunResult Run(string script, IDictionary<string, object?>? variables = null)
        {
            var all = new Dictionary<string, object?>
            {
                ["endpoint"] = Emulator.BaseUri.ToString(),
                ["tc"] = Clouds.TencentCredential,
                ["ali"] = Clouds.AlibabaCredential,
            };
            foreach (var v in variables ?? new Dictionary<string, object?>())
            {
                all[v.Key] = v.Value;
            }
            return PS.Invoke(script, all);
        }

        protected List<RecordedRequest> RenewalRequests(string action) => Emulator.Requests.Where(r => r.Action == action).ToList();
    }
}
