using System;

namespace RenewalTools.Engine
{
    /// <summary>
    /// The module's commands for a service, spelled exactly as the module exports them, for every message that names one:
    /// a service's own spelling ("MongoDB") is not its commands' ("Get-MongoDbInstance"), so no message builds a command
    /// name from it.
    /// </summary>
    internal static class CommandNames
    {
        /// <summary>Get-CvmInstance, Get-MongoDbInstance, Get-EcsInstance.</summary>
        public static string GetInstance(string service) => Of(service).GetInstance;

        /// <summary>Invoke-CvmRenewal, Invoke-MongoDbRenewal, Invoke-EcsRenewal.</summary>
        public static string InvokeRenewal(string service) => Of(service).InvokeRenewal;

        /// <summary>Get-CvmRenewalQuote, Get-MongoDbRenewalQuote, Get-EcsRenewalQuote.</summary>
        public static string GetRenewalQuote(string service) => Of(service).GetRenewalQuote;

        private static (string GetInstance, string InvokeRenewal, string GetRenewalQuote) Of(string service) => service switch
        {
            "CVM" => ("Get-CvmInstance", "Invoke-CvmRenewal", "Get-CvmRenewalQuote"),
            "MongoDB" => ("Get-MongoDbInstance", "Invoke-MongoDbRenewal", "Get-MongoDbRenewalQuote"),
            "ECS" => ("Get-EcsInstance", "Invoke-EcsRenewal", "Get-EcsRenewalQuote"),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "No RenewalTools commands for this service."),
        };
    }
}
