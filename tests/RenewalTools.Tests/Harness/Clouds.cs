using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net;
using CloudEmulator;

namespace RenewalTools.Tests.Harness
{
    /// <summary>Test accounts, instances and scenarios for the emulator.</summary>
    public static class Clouds
    {
        public const string TencentId = "AKIDtestRenewalTools000000000001";
        public const string TencentKey = "tencentSecretKeyForTests0000001";
        public const string AlibabaId = "LTAItestRenewalTools0001";
        public const string AlibabaSecret = "alibabaSecretForTests0000000001";

        public static Scenario Scenario(IEnumerable<EmulatedInstance> instances, decimal balance = 1_000_000m)
        {
            var s = new Scenario { Seed = 7 };
            s.Accounts.Add(new EmulatedAccount { Provider = "tencent", Id = TencentId, Secret = TencentKey, Balance = balance });
            s.Accounts.Add(new EmulatedAccount { Provider = "alibaba", Id = AlibabaId, Secret = AlibabaSecret, Balance = balance });
            s.Instances.AddRange(instances);
            return s;
        }

        public static EmulatedInstance Cvm(string id, string region = "ap-guangzhou") => Instance(id, "cvm", region, "PREPAID");

        public static EmulatedInstance Mongo(string id, string region = "ap-guangzhou") => Instance(id, "mongodb", region, "PREPAID");

        public static EmulatedInstance Ecs(string id, string region = "cn-hangzhou") => Instance(id, "ecs", region, "PrePaid");

        public static EmulatedInstance Instance(string id, string service, string region, string chargeType) => new EmulatedInstance
        {
            Id = id,
            Service = service,
            Region = region,
            ChargeType = chargeType,
            State = service == "ecs" ? "Running" : "RUNNING",
            Expiry = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero),
            MonthlyPrice = 10m,
        };

        /// <summary>n well-formed CVM IDs: ins- and 8 lower-case alphanumerics.</summary>
        public static string[] CvmIds(int n, string prefix = "t") => Enumerable.Range(0, n).Select(i => "ins-" + prefix + i.ToString("D7", CultureInfo.InvariantCulture)).ToArray();

        public static string[] MongoIds(int n, string prefix = "t") => Enumerable.Range(0, n).Select(i => "cmgo-" + prefix + i.ToString("D7", CultureInfo.InvariantCulture)).ToArray();

        public static string[] EcsIds(int n, string prefix = "t") => Enumerable.Range(0, n).Select(i => "i-bp" + prefix + i.ToString("D17", CultureInfo.InvariantCulture)).ToArray();

        public static PSCredential TencentCredential => Credential(TencentId, TencentKey);

        public static PSCredential AlibabaCredential => Credential(AlibabaId, AlibabaSecret);

        public static PSCredential Credential(string id, string secret) => new PSCredential(id, new NetworkCredential("", secret).SecurePassword);
    }
}
