namespace VideoPipeline.Core.Workflow;

/// <summary>
/// The client port of an orchestration engine; members mirror Durable Task's <c>DurableTaskClient</c>.
/// Implemented by the local durable runtime and, on Azure, by an adapter over <c>DurableTaskClient</c>.
/// </summary>
public interface IOrchestrationClient
{
    /// <summary>
    /// Starts an instance with the given id. Idempotent: when the id exists the existing instance is kept and
    /// its id returned (Durable's default dedupe for running instances; the local runtime does the same for any).
    /// </summary>
    Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input, string instanceId, CancellationToken cancellationToken = default);

    Task<OrchestrationInstance?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Raises an event. Throws <see cref="OrchestrationNotFoundException"/> for an unknown instance.</summary>
    Task RaiseEventAsync(
        string instanceId, string eventName, object? eventData = null, CancellationToken cancellationToken = default);

    Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default);

    /// <summary>Instances matching the query, newest first.</summary>
    IAsyncEnumerable<OrchestrationInstance> QueryInstancesAsync(
        OrchestrationQuery query, CancellationToken cancellationToken = default);
}
