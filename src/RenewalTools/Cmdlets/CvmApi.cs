namespace RenewalTools
{
    /// <summary>The CVM renewal APIs of the seed documents (-Api of Invoke-CvmRenewal).</summary>
    public enum CvmApi
    {
        /// <summary>API 3.0 RenewInstances 2017-03-12, TC3-HMAC-SHA256, cvm.tencentcloudapi.com (default).</summary>
        RenewInstances,
        /// <summary>RenewInstances 2017-03-12 on the legacy gateway cvm.api.qcloud.com/v2/index.php, signature v1.</summary>
        LegacyRenewInstances,
        /// <summary>The legacy unversioned RenewInstance (one instance per call) on cvm.api.qcloud.com, signature v1.</summary>
        LegacyRenewInstance,
    }
}
