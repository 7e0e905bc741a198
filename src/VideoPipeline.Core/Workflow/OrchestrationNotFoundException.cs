namespace VideoPipeline.Core.Workflow;

public sealed class OrchestrationNotFoundException(string instanceId)
    : Exception($"No orchestration instance with id '{instanceId}'.")
{
    public string InstanceId { get; } = instanceId;
}
