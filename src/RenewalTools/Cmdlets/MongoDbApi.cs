namespace RenewalTools
{
    /// <summary>The MongoDB renewal APIs of the seed documents (-Api of Invoke-MongoDbRenewal).</summary>
    public enum MongoDbApi
    {
        /// <summary>API 3.0 RenewDBInstances 2019-07-25, TC3-HMAC-SHA256, mongodb.tencentcloudapi.com (default).</summary>
        RenewDBInstances,
        /// <summary>The legacy RenewMongoDB (one instance per call) on mongodb.api.qcloud.com/v2/index.php, signature v1.</summary>
        LegacyRenewMongoDB,
    }
}
