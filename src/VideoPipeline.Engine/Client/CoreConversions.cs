using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace VideoPipeline.Engine;

/// <summary>Translations between DurableTask.Core's types and the Durable Task SDK's.</summary>
internal static class CoreConversions
{
    // The SDK's enum mirrors Core's member for member and value for value (a test pins this), so a cast is exact and
    // avoids naming the members the SDK marks obsolete.
    public static OrchestrationRuntimeStatus ToRuntimeStatus(this OrchestrationStatus status) => (OrchestrationRuntimeStatus)(int)status;

    public static OrchestrationStatus ToCoreStatus(this OrchestrationRuntimeStatus status) => (OrchestrationStatus)(int)status;

    public static TaskFailureDetails ToTaskFailureDetails(this FailureDetails details) => new(
        details.ErrorType,
        details.ErrorMessage,
        details.StackTrace,
        details.InnerFailure?.ToTaskFailureDetails(),
        details.Properties);

    /// <summary>Core's timestamps are UTC but some providers hand them back unspecified.</summary>
    public static DateTimeOffset AsUtc(this DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
