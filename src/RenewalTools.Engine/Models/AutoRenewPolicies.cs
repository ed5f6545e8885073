using System;
using System.Collections.Generic;

namespace RenewalTools
{
    /// <summary>Each cloud's spelling of an <see cref="AutoRenewPolicy"/> (policy-and-evidence.md §2), in one place.</summary>
    internal static class AutoRenewPolicies
    {
        public const string TencentAuto = "NOTIFY_AND_AUTO_RENEW";
        public const string TencentManual = "NOTIFY_AND_MANUAL_RENEW";
        public const string TencentDisabled = "DISABLE_NOTIFY_AND_MANUAL_RENEW";

        /// <summary>The module's own names, accepted by every product; each product adds its cloud's spellings.</summary>
        public static IEnumerable<KeyValuePair<string, AutoRenewPolicy>> Names { get; } = new[]
        {
            new KeyValuePair<string, AutoRenewPolicy>(nameof(AutoRenewPolicy.AutoRenew), AutoRenewPolicy.AutoRenew),
            new KeyValuePair<string, AutoRenewPolicy>(nameof(AutoRenewPolicy.Manual), AutoRenewPolicy.Manual),
            new KeyValuePair<string, AutoRenewPolicy>(nameof(AutoRenewPolicy.NoRenewal), AutoRenewPolicy.NoRenewal),
        };

        public static AutoRenewPolicy? FromTencentFlag(string? flag) => flag switch
        {
            TencentAuto => AutoRenewPolicy.AutoRenew,
            TencentManual => AutoRenewPolicy.Manual,
            TencentDisabled => AutoRenewPolicy.NoRenewal,
            _ => null,
        };

        public static string TencentFlag(AutoRenewPolicy policy) => policy switch
        {
            AutoRenewPolicy.AutoRenew => TencentAuto,
            AutoRenewPolicy.Manual => TencentManual,
            _ => TencentDisabled,
        };

        /// <summary>MongoDB AutoRenewFlag: 0 manual, 1 auto, 2 explicitly not renewed.</summary>
        public static int MongoDbFlag(AutoRenewPolicy policy) => policy switch
        {
            AutoRenewPolicy.AutoRenew => 1,
            AutoRenewPolicy.Manual => 0,
            _ => 2,
        };

        /// <summary>ECS RenewalStatus: AutoRenewal, Normal (auto-renew off), NotRenewal.</summary>
        public static string EcsStatus(AutoRenewPolicy policy) => policy switch
        {
            AutoRenewPolicy.AutoRenew => "AutoRenewal",
            AutoRenewPolicy.Manual => "Normal",
            _ => "NotRenewal",
        };

        public static AutoRenewPolicy? FromEcsStatus(string? status) =>
            string.Equals(status, "AutoRenewal", StringComparison.OrdinalIgnoreCase) ? AutoRenewPolicy.AutoRenew
            : string.Equals(status, "Normal", StringComparison.OrdinalIgnoreCase) ? AutoRenewPolicy.Manual
            : string.Equals(status, "NotRenewal", StringComparison.OrdinalIgnoreCase) ? AutoRenewPolicy.NoRenewal
            : (AutoRenewPolicy?)null;
    }
}
