namespace VideoPipeline.Core.Workflow;

/// <summary>Mirrors Durable Task's <c>OrchestrationMetadata</c>: what a client sees of one instance.</summary>
public sealed record OrchestrationInstance(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput = null,
    string? SerializedOutput = null,
    string? SerializedCustomStatus = null,
    string? FailureMessage = null)
{
    public bool IsFinished => RuntimeStatus is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
