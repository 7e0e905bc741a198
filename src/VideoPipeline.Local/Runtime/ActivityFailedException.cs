namespace VideoPipeline.Local.Runtime;

/// <summary>
/// Thrown into an orchestrator when an activity it called threw. Mirrors Durable's <c>TaskFailedException</c>: the
/// original exception crossed the journal, so only its type name and message survive.
/// </summary>
public sealed class ActivityFailedException(string activityName, string failureType, string failureMessage)
    : Exception($"Activity '{activityName}' failed: {failureType}: {failureMessage}")
{
    public string ActivityName { get; } = activityName;

    /// <summary>Full name of the exception type the activity threw.</summary>
    public string FailureType { get; } = failureType;

    public string FailureMessage { get; } = failureMessage;
}
