using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RenewalTools.Clients.Tencent
{
    /// <summary>The facts that differ between Tencent products for the same renewal shape.</summary>
    internal sealed class TencentProduct
    {
        private TencentProduct(string service, string product, string version, string api3Action, string api3Host, double api3RequestsPerSecond, int[] api3Periods, string legacyHost, Regex idShape, string idExample)
        {
            Service = service;
            Product = product;
            Version = version;
            Api3Action = api3Action;
            Api3Host = api3Host;
            Api3RequestsPerSecond = api3RequestsPerSecond;
            Api3Periods = api3Periods;
            LegacyHost = legacyHost;
            IdShape = idShape;
            IdExample = idExample;
        }

        public string Service { get; }
        /// <summary>The TC3 credential-scope service: always the product, never derived from an endpoint override.</summary>
        public string Product { get; }
        public string Version { get; }
        public string Api3Action { get; }
        public string Api3Host { get; }
        public double Api3RequestsPerSecond { get; }
        public IReadOnlyCollection<int> Api3Periods { get; }
        public string LegacyHost { get; }
        public Regex IdShape { get; }
        public string IdExample { get; }

        private static readonly int[] UpTo36 = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36 };

        /// <summary>CVM RenewInstances 2017-03-12: 10 requests/s, periods 1-12, 24, 36, 48, 60 (cloud-apis.md §2).</summary>
        public static TencentProduct Cvm { get; } = new TencentProduct(
            "CVM", "cvm", "2017-03-12", "RenewInstances", "cvm.tencentcloudapi.com", 10,
            new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60 },
            "cvm.api.qcloud.com", new Regex("^ins-[a-z0-9]{8}$", RegexOptions.CultureInvariant), "ins-r8hr2upy");

        /// <summary>MongoDB RenewDBInstances 2019-07-25: 20 requests/s, periods 1-12, 24, 36 (cloud-apis.md §3).</summary>
        public static TencentProduct MongoDb { get; } = new TencentProduct(
            "MongoDB", "mongodb", "2019-07-25", "RenewDBInstances", "mongodb.tencentcloudapi.com", 20, UpTo36,
            "mongodb.api.qcloud.com", new Regex("^cmgo-[a-z0-9]{8}$", RegexOptions.CultureInvariant), "cmgo-6ozqe0uh");

        /// <summary>The periods of the legacy RenewInstances error text and of RenewMongoDB (seeds 001, 002).</summary>
        public static IReadOnlyCollection<int> LegacyPeriods => UpTo36;
    }
}
