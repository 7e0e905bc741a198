namespace VideoPipeline.Core.Workflow;

/// <summary>Filter for <see cref="IOrchestrationClient.QueryInstancesAsync"/>; mirrors Durable's <c>OrchestrationQuery</c>.</summary>
public sealed record OrchestrationQuery(
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    DateTimeOffset? CreatedFrom = null,
    string? InstanceIdPrefix = null,
    int PageSize = 100,
    bool FetchInputsAndOutputs = false);
