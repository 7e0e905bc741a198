using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreInstance = VideoPipeline.Core.Workflow.OrchestrationInstance;
using CoreQuery = VideoPipeline.Core.Workflow.OrchestrationQuery;
using CoreStatus = VideoPipeline.Core.Workflow.OrchestrationRuntimeStatus;
using IOrchestrationClient = VideoPipeline.Core.Workflow.IOrchestrationClient;
using OrchestrationNotFoundException = VideoPipeline.Core.Workflow.OrchestrationNotFoundException;

namespace VideoPipeline.Functions.Orchestration;

/// <summary>
/// Core's <see cref="IOrchestrationClient"/> over the <see cref="DurableTaskClient"/> a <c>[DurableClient]</c> binding
/// hands a function. It adds the two guarantees the port promises and Durable does not:
/// <list type="bullet">
/// <item>Idempotent start: an existing instance id is returned, never re-created. Durable re-creates an instance whose
/// id exists in a terminal state (backend dependent) and refuses one that is running, so the id is looked up first, and
/// a start that fails because a concurrent start won is answered with the id.</item>
/// <item>Unknown instances are errors: Durable silently drops events and terminations for an id it does not know; this
/// adapter throws <see cref="OrchestrationNotFoundException"/> instead (checked just before the call, so an instance
/// purged in between is still dropped silently by Durable).</item>
/// </list>
/// </summary>
public sealed class DurableOrchestrationClient(DurableTaskClient client) : IOrchestrationClient
{
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (await ExistsAsync(instanceId, cancellationToken))
        {
            return instanceId;
        }

        try
        {
            return await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(orchestratorName), input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The gRPC client reports an id that already exists as OrchestrationAlreadyExistsException; other backends
            // differ. Whatever the type: if the instance exists now, a concurrent start of the same id won.
            if (await ExistsAsync(instanceId, cancellationToken))
            {
                return instanceId;
            }

            throw;
        }
    }

    public async Task<CoreInstance?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(instanceId))
        {
            return null;
        }

        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
        return metadata is null ? null : ToInstance(metadata);
    }

    public async Task RaiseEventAsync(
        string instanceId, string eventName, object? eventData = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (!await ExistsAsync(instanceId, cancellationToken))
        {
            throw new OrchestrationNotFoundException(instanceId);
        }

        await client.RaiseEventAsync(instanceId, eventName, eventData, cancellationToken);
    }

    public async Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        var metadata = string.IsNullOrEmpty(instanceId)
            ? null
            : await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            throw new OrchestrationNotFoundException(instanceId);
        }

        if (!metadata.IsCompleted)
        {
            await client.TerminateInstanceAsync(instanceId, output, cancellationToken);
        }
    }

    /// <summary>
    /// Durable's query does not sort (the Azure Storage backend pages in partition order), so this reads at most
    /// <see cref="CoreQuery.PageSize"/> instances matching the filter and returns those newest first. With more matching
    /// instances than that, the answer is the newest of the ones read, not necessarily the newest overall; narrow the
    /// query with <see cref="CoreQuery.CreatedFrom"/> or statuses to bound it.
    /// </summary>
    public async IAsyncEnumerable<CoreInstance> QueryInstancesAsync(
        CoreQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Max(1, query.PageSize);
        var filter = new OrchestrationQuery
        {
            CreatedFrom = query.CreatedFrom,
            Statuses = query.Statuses?.Select(ToDurableStatus).Distinct().ToList(),
            InstanceIdPrefix = query.InstanceIdPrefix,
            PageSize = limit,
            FetchInputsAndOutputs = query.FetchInputsAndOutputs,
        };

        var page = new List<CoreInstance>(Math.Min(limit, 1000));
        await foreach (var metadata in client.GetAllInstancesAsync(filter).WithCancellation(cancellationToken))
        {
            page.Add(ToInstance(metadata));
            if (page.Count >= limit)
            {
                break;
            }
        }

        foreach (var instance in page.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.InstanceId, StringComparer.Ordinal))
        {
            yield return instance;
        }
    }

    internal static CoreInstance ToInstance(OrchestrationMetadata metadata) => new(
        metadata.InstanceId,
        metadata.Name,
        ToCoreStatus(metadata.RuntimeStatus),
        metadata.CreatedAt,
        metadata.LastUpdatedAt,
        metadata.SerializedInput,
        metadata.SerializedOutput,
        metadata.SerializedCustomStatus,
        metadata.FailureDetails?.ErrorMessage);

    /// <summary>
    /// Suspended (and the obsolete ContinuedAsNew) instances are alive and not finished: Core sees them as running.
    /// The obsolete Canceled status is never reported by Durable; it would also map to running.
    /// </summary>
    internal static CoreStatus ToCoreStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => CoreStatus.Pending,
        OrchestrationRuntimeStatus.Completed => CoreStatus.Completed,
        OrchestrationRuntimeStatus.Failed => CoreStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => CoreStatus.Terminated,
        _ => CoreStatus.Running,
    };

    internal static OrchestrationRuntimeStatus ToDurableStatus(CoreStatus status) => status switch
    {
        CoreStatus.Pending => OrchestrationRuntimeStatus.Pending,
        CoreStatus.Running => OrchestrationRuntimeStatus.Running,
        CoreStatus.Completed => OrchestrationRuntimeStatus.Completed,
        CoreStatus.Failed => OrchestrationRuntimeStatus.Failed,
        CoreStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken) =>
        !string.IsNullOrEmpty(instanceId)
        && await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null;
}
