using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using VideoPipeline.Core;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// <see cref="IOrchestrationClient"/> over the runtime's blobs. Works from any process sharing the storage; when the
/// instance is owned by this process its runner is also told directly, so it does not wait for the next poll.
/// </summary>
internal sealed class LocalOrchestrationClient(
    RuntimeStorage storage,
    JournalStore journals,
    InboxStore inbox,
    InstanceIndex index,
    LocalRuntimeRegistry registry,
    LocalDurableRuntime runtime,
    TimeProvider time) : IOrchestrationClient
{
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        InstanceIds.Validate(instanceId);
        if (registry.FindOrchestrator(orchestratorName) is null)
        {
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered.", nameof(orchestratorName));
        }

        await storage.EnsureContainerAsync(cancellationToken);
        if (await journals.ExistsAsync(instanceId, cancellationToken))
        {
            return instanceId;
        }

        // The lock goes first: discovery finds unfinished instances by their lock, so a journal never lacks one.
        try
        {
            await storage.Lock(instanceId).UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // A concurrent start of the same id made it.
        }

        var started = JournalEntry.ExecutionStarted(
            orchestratorName, JsonSerializer.Serialize(input, PipelineJson.Options), time.GetUtcNow().UtcDateTime);
        if (await journals.CreateAsync(instanceId, started, cancellationToken) is { } journal)
        {
            await index.UpsertAsync(journal, cancellationToken);
            runtime.NotifyCreated(instanceId);
        }

        return instanceId;
    }

    public async Task<OrchestrationInstance?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        if (!IsValidId(instanceId))
        {
            return null;
        }

        var journal = await journals.LoadAsync(instanceId, cancellationToken);
        return journal?.ToInstance(getInputsAndOutputs);
    }

    public async Task RaiseEventAsync(
        string instanceId, string eventName, object? eventData = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (!IsValidId(instanceId) || !await journals.ExistsAsync(instanceId, cancellationToken))
        {
            throw new OrchestrationNotFoundException(instanceId);
        }

        // Without a lock the instance has finished; like Durable, an event for a finished instance is dropped.
        if (!await storage.Lock(instanceId).ExistsAsync(cancellationToken))
        {
            return;
        }

        await inbox.AddAsync(
            instanceId,
            InboxItemKind.Event,
            eventName,
            JsonSerializer.Serialize(eventData, PipelineJson.Options),
            cancellationToken);
        runtime.Notify(instanceId, new RunnerSignal(RunnerSignalKind.InboxChanged));
    }

    public async Task TerminateInstanceAsync(
        string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        var outputJson = JsonSerializer.Serialize(output, PipelineJson.Options);
        while (true)
        {
            var journal = (IsValidId(instanceId) ? await journals.LoadAsync(instanceId, cancellationToken) : null)
                ?? throw new OrchestrationNotFoundException(instanceId);
            if (journal.IsFinished)
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var terminated = JournalEntry.ExecutionTerminated(outputJson, now > journal.LastAt ? now : journal.LastAt);
            if (await journals.TryAppendAsync(journal, [terminated], cancellationToken))
            {
                await index.UpsertAsync(journal, cancellationToken);
                break;
            }
        }

        // The owner may be idle on a long timer; the wake item reaches it in any process, the signal at once here.
        await inbox.AddAsync(instanceId, InboxItemKind.Wake, null, null, cancellationToken);
        runtime.Notify(instanceId, new RunnerSignal(RunnerSignalKind.Reload));
    }

    public IAsyncEnumerable<OrchestrationInstance> QueryInstancesAsync(
        OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return index.QueryAsync(query, cancellationToken);
    }

    private static bool IsValidId(string instanceId)
    {
        try
        {
            InstanceIds.Validate(instanceId);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
