using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>What the request path needs to know of any cloud action.</summary>
    internal interface ICloudAction
    {
        /// <summary>Service name on results: CVM, MongoDB, ECS.</summary>
        string Service { get; }
        string Action { get; }

        /// <summary>Reads an HTTP answer; returns null when the body is not this action's envelope.</summary>
        ApiAnswer? ParseAnswer(int httpStatus, string body);

        /// <summary>Names and classifies an error answer.</summary>
        ErrorClass Classify(ApiAnswer answer, int httpStatus);

        /// <summary>Makes a cloud message safe to show: Alibaba echoes its string to sign (§5.4).</summary>
        string SanitizeMessage(string message);
    }
}
