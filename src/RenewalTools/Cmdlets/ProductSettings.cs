using System;
using RenewalTools.Engine;

namespace RenewalTools.Cmdlets
{
    /// <summary>The per-product settings a row may carry, read the same way by a product's renewal and quote cmdlets.</summary>
    internal static class ProductSettings
    {
        private static readonly string[] RenewFlags = { "NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW" };
        private static readonly string[] PeriodUnits = { "Month", "Week" };

        /// <summary>Tencent: RenewFlag, sent in the API's spelling whatever the case typed.</summary>
        public static void Tencent(InstanceInputCmdlet cmdlet, RenewalRequest request, InputRow row)
        {
            if (cmdlet.TrySetting(row, "RenewFlag", (object cell, string name, out string flag) => InputRules.ParseChoice(cell, name, RenewFlags, out flag), out var renewFlag))
            {
                request.RenewFlag = renewFlag;
            }
        }

        /// <summary>CVM: the Tencent settings and RenewPortableDataDisk.</summary>
        public static void Cvm(InstanceInputCmdlet cmdlet, RenewalRequest request, InputRow row)
        {
            Tencent(cmdlet, request, row);
            if (cmdlet.TrySetting<bool>(row, "RenewPortableDataDisk", InputRules.ParseBoolean, out var renewDisks))
            {
                request.RenewPortableDataDisk = renewDisks;
            }
        }

        /// <summary>ECS: PeriodUnit (Month or Week) and ExpectedRenewDay.</summary>
        public static void Ecs(InstanceInputCmdlet cmdlet, RenewalRequest request, InputRow row, string defaultUnit)
        {
            var unit = cmdlet.TrySetting(row, "PeriodUnit", (object cell, string name, out string spelled) => InputRules.ParseChoice(cell, name, PeriodUnits, out spelled), out var given) ? given : defaultUnit;
            request.Unit = string.Equals(unit, "Week", StringComparison.OrdinalIgnoreCase) ? PeriodUnit.Week : PeriodUnit.Month;
            if (cmdlet.TrySetting<int>(row, "ExpectedRenewDay", InputRules.ParseWholeNumber, out var day))
            {
                request.ExpectedRenewDay = day;
            }
        }
    }
}
