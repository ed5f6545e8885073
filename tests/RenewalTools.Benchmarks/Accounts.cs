using CloudEmulator;

namespace RenewalTools.Benchmarks
{
    /// <summary>The emulator's accounts: every instance is auto-created, prepaid and free, so no balance runs out.</summary>
    internal static class Accounts
    {
        public const string TencentId = "AKIDbenchRenewalTools00000000001";
        public const string TencentKey = "tencentSecretKeyForBench000001";
        public const string AlibabaId = "LTAIbenchRenewalTools001";
        public const string AlibabaSecret = "alibabaSecretForBench000000001";

        public static Scenario Scenario(int latencyMs)
        {
            var s = new Scenario
            {
                Seed = 7,
                LatencyMs = latencyMs,
                AutoCreateInstances = true,
                AutoCreateMonthlyPrice = 0m,
                LogRequests = false,
            };
            s.Accounts.Add(new EmulatedAccount { Provider = "tencent", Id = TencentId, Secret = TencentKey, Balance = 1_000_000m });
            s.Accounts.Add(new EmulatedAccount { Provider = "alibaba", Id = AlibabaId, Secret = AlibabaSecret, Balance = 1_000_000m });
            return s;
        }
    }
}
