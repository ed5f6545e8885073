using RenewalTools.Clients;
using RenewalTools.Errors;

namespace RenewalTools.Engine
{
    /// <summary>What every cloud action shares: a service, an action name, its error table and the default rules over it.</summary>
    internal abstract class CloudAction : ICloudAction
    {
        public abstract string Service { get; }
        public abstract string Action { get; }
        public abstract ErrorCatalog Errors { get; }

        public abstract ApiAnswer? ParseAnswer(int httpStatus, string body);

        public virtual ErrorClass Classify(ApiAnswer answer, int httpStatus) => Errors.Classify(answer.ErrorCode ?? "UnknownError", httpStatus);

        public virtual string SanitizeMessage(string message) => message;
    }
}
