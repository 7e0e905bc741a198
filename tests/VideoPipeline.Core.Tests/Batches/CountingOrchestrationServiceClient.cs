using DurableTask.Core;
using DurableTask.Core.Query;

namespace VideoPipeline.Core.Tests.Batches;

/// <summary>
/// The engine's client boundary with two test hooks around a real orchestration service: it counts the instances
/// created through it (so a test can tell an idempotent start from a second one), and it can be told to fail every
/// creation after some number — storage failing half-way through an intake.
/// </summary>
internal sealed class CountingOrchestrationServiceClient(IOrchestrationServiceClient inner)
    : IOrchestrationServiceClient, IOrchestrationServiceQueryClient
{
    private int _creations;

    public int Creations => _creations;

    /// <summary>Instances created before every further creation throws.</summary>
    public int? FailAfterCreations { get; set; }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) =>
        CreateTaskOrchestrationAsync(creationMessage, []);

    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        if (FailAfterCreations is { } limit && _creations >= limit)
        {
            throw new InvalidOperationException("Simulated storage failure while starting jobs.");
        }

        await inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
        Interlocked.Increment(ref _creations);
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) =>
        inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState> WaitForOrchestrationAsync(
        string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        inner.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        inner.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        inner.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        ((IOrchestrationServiceQueryClient)inner).GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);
}
