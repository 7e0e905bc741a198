namespace VideoPipeline.Core.Workflow;

/// <summary>Mirrors Durable Task's <c>OrchestrationRuntimeStatus</c>.</summary>
public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
}
