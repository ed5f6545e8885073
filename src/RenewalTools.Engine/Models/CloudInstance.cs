using System;

namespace RenewalTools
{
    /// <summary>
    /// One instance as the cloud describes it (Get-CvmInstance, Get-MongoDbInstance, Get-EcsInstance). Its InstanceId and
    /// Region are what the renewal cmdlets read from a piped object, so discovery pipes straight into renewal.
    /// </summary>
    public sealed class CloudInstance
    {
        private AutoRenewPolicy? _autoRenew;

        /// <summary>The product: CVM, MongoDB or ECS.</summary>
        public string Service { get; set; } = "";
        /// <summary>The instance, as given.</summary>
        public string InstanceId { get; set; } = "";
        /// <summary>The instance's region; null when the input named none that could be used.</summary>
        public string Region { get; set; } = "";
        /// <summary>The instance's name, as the cloud shows it.</summary>
        public string? Name { get; set; }
        /// <summary>Prepaid or Postpaid; another cloud value (CDHPAID, SPOTPAID) as the cloud spells it.</summary>
        public string ChargeType { get; set; } = "";
        /// <summary>The cloud's state, as it spells it (RUNNING, Running, Isolated…).</summary>
        public string? State { get; set; }
        /// <summary>When the prepaid term ends, in UTC; null when the cloud gives none (postpaid).</summary>
        public DateTimeOffset? ExpiresAt { get; set; }
        /// <summary>Whole days from the read to ExpiresAt; negative when already expired but not released.</summary>
        public int? DaysLeft { get; set; }
        /// <summary>
        /// The auto-renew setting in Tencent's words (NOTIFY_AND_AUTO_RENEW, NOTIFY_AND_MANUAL_RENEW,
        /// DISABLE_NOTIFY_AND_MANUAL_RENEW); null where the read does not say (ECS DescribeInstances). Not named RenewFlag
        /// on purpose: piped into a renewal it must not count as the row asking for a renew flag.
        /// </summary>
        public string? AutoRenewFlag { get; set; }
        /// <summary>
        /// The auto-renew policy in the spelling Set-*AutoRenew takes: from the Tencent flag, or ECS
        /// DescribeInstanceAutoRenewAttribute's RenewalStatus. Null where it was not read (or the instance is postpaid).
        /// </summary>
        public AutoRenewPolicy? AutoRenew
        {
            get => _autoRenew ?? AutoRenewPolicies.FromTencentFlag(AutoRenewFlag);
            set => _autoRenew = value;
        }

        /// <summary>ECS: the period of each automatic renewal (with <see cref="AutoRenewPeriodUnit"/>).</summary>
        public int? AutoRenewDuration { get; set; }
        /// <summary>ECS: the unit of <see cref="AutoRenewDuration"/> (Month, Year, Week).</summary>
        public string? AutoRenewPeriodUnit { get; set; }
        /// <summary>CVM only: the latest operation on the instance and its state (RenewInstances, OPERATING/SUCCESS/FAILED).</summary>
        public string? LatestOperation { get; set; }
        /// <summary>CVM only: the state of the latest operation (OPERATING, SUCCESS, FAILED).</summary>
        public string? LatestOperationState { get; set; }
        /// <summary>CVM only: the RequestId of the call that started the latest operation.</summary>
        public string? LatestOperationRequestId { get; set; }
        /// <summary>CVM only: the error message of a FAILED latest operation.</summary>
        public string? LatestOperationError { get; set; }
        /// <summary>When the cloud was read.</summary>
        public DateTimeOffset ReadAt { get; set; }

        internal bool IsPrepaid => ChargeType == PrepaidCharge;

        /// <summary>CVM: an operation (a renewal, a policy change) is still running on the instance (LatestOperationState).</summary>
        internal bool OperationRunning => LatestOperationState == "OPERATING";

        /// <summary>CVM: the latest operation FAILED.</summary>
        internal bool OperationFailed => LatestOperationState == "FAILED";

        internal const string PrepaidCharge = "Prepaid";
        internal const string PostpaidCharge = "Postpaid";

        /// <inheritdoc/>
        public override string ToString() => Service + " " + InstanceId + " (" + Region + "): " + ChargeType + (ExpiresAt.HasValue ? ", expires " + ExpiresAt.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "");
    }
}
