using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace VideoPipeline.Engine;

/// <summary>
/// A <see cref="DurableTaskClient"/> over DurableTask.Core's <see cref="IOrchestrationServiceClient"/>, using the query
/// and purge interfaces where the service implements them. Inputs, outputs and events go through the configured
/// <see cref="DataConverter"/>, the same one the worker's shims read them with.
/// </summary>
internal sealed class OrchestrationServiceClient : DurableTaskClient
{
    // An instance in one of these statuses is never replaced by a new start with the same ID.
    private static readonly OrchestrationStatus[] ActiveStatuses =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    private static readonly OrchestrationRuntimeStatus[] FinishedStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    // Waits poll the instance's status: quickly at first (in-memory services answer at once), then once a second.
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(1);

    private readonly IOrchestrationServiceClient _client;
    private readonly DataConverter _converter;
    private readonly string? _defaultVersion;

    public OrchestrationServiceClient(string name, IOptionsMonitor<OrchestrationServiceClientOptions> options)
        : base(name)
    {
        var clientOptions = options.Get(name);
        _client = clientOptions.Client ?? throw new InvalidOperationException("The client has no orchestration service client.");
        _converter = clientOptions.DataConverter;
        _defaultVersion = clientOptions.DefaultVersion;
    }

    /// <remarks>
    /// Starting an ID whose instance is pending, running or suspended throws
    /// <see cref="OrchestrationAlreadyExistsException"/>, as does any status listed in
    /// <see cref="StartOrchestrationOptions.DedupeStatuses"/>; an instance in any other status is replaced by a new
    /// execution.
    /// </remarks>
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default) =>
        StartAsync(
            orchestratorName.Name,
            _converter.Serialize(input),
            options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            options?.Version?.Version ?? _defaultVersion ?? string.Empty,
            options,
            cancellation);

    /// <remarks>Starts the instance's orchestrator again with its input, under the same ID only once it has finished.</remarks>
    public override async Task<string> RestartAsync(
        string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        var state = await GetStateAsync(instanceId, cancellation)
            ?? throw new ArgumentException($"No orchestration with instance ID '{instanceId}' exists.", nameof(instanceId));
        return await StartAsync(
            state.Name,
            state.Input,
            restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId,
            state.Version ?? string.Empty,
            options: null,
            cancellation);
    }

    public override Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(
        string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive termination is not supported by this client.");
        }

        cancellation.ThrowIfCancellationRequested();
        return _client.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output));
    }

    /// <remarks>
    /// With inputs and outputs, a failed instance's <see cref="OrchestrationMetadata.FailureDetails"/> are read from its
    /// history when the service's instance record has none (Azure Storage keeps only <c>"{ErrorType}: {ErrorMessage}"</c>
    /// as the output). Queries return what the instance records hold.
    /// </remarks>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await GetStateAsync(instanceId, cancellation);
        if (state is null)
        {
            return null;
        }

        var failure = state.FailureDetails?.ToTaskFailureDetails();
        if (failure is null && getInputsAndOutputs && state.OrchestrationStatus == OrchestrationStatus.Failed)
        {
            failure = await ReadFailureFromHistoryAsync(state.OrchestrationInstance);
        }

        return ToMetadata(state, getInputsAndOutputs, failure);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var queries = Require<IOrchestrationServiceQueryClient>();
        var fetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false;
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var result = await queries.GetOrchestrationWithQueryAsync(
                new CoreQuery
                {
                    RuntimeStatus = filter?.Statuses?.Select(s => s.ToCoreStatus()).ToList(),
                    CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                    CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                    TaskHubNames = filter?.TaskHubNames?.ToList(),
                    InstanceIdPrefix = filter?.InstanceIdPrefix,
                    PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                    ContinuationToken = continuation ?? filter?.ContinuationToken,
                    FetchInputsAndOutputs = fetchInputsAndOutputs,
                },
                cancellation);
            return new Page<OrchestrationMetadata>(
                result.OrchestrationState
                    .Select(state => ToMetadata(state, fetchInputsAndOutputs, state.FailureDetails?.ToTaskFailureDetails()))
                    .ToList(),
                result.ContinuationToken);
        });
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <remarks>As the SDK documents: only a completed, failed or terminated instance is purged; any other purges nothing.</remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var purge = Require<IOrchestrationServicePurgeClient>();
        RejectRecursivePurge(options);
        var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation);
        return instance is { IsCompleted: true }
            ? ToPurgeResult(await purge.PurgeInstanceStateAsync(instanceId))
            : new PurgeResult(0);
    }

    /// <remarks>Without <see cref="PurgeInstancesFilter.Statuses"/> the filter purges completed, failed and terminated instances.</remarks>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var purge = Require<IOrchestrationServicePurgeClient>();
        RejectRecursivePurge(options);
        var statuses = filter.Statuses?.ToList() ?? [.. FinishedStatuses];
        if (statuses.Except(FinishedStatuses).ToList() is { Count: > 0 } unfinished)
        {
            throw new ArgumentException(
                $"Only finished instances can be purged, not {string.Join(", ", unfinished)}.", nameof(filter));
        }

        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? default,
            filter.CreatedTo?.UtcDateTime,
            statuses.Select(s => s.ToCoreStatus()))
        {
            Timeout = filter.Timeout,
        };
        return ToPurgeResult(await purge.PurgeInstanceStateAsync(coreFilter));
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<string> StartAsync(
        string name, string? serializedInput, string instanceId, string version, StartOrchestrationOptions? options, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, serializedInput)
        {
            Name = name,
            Version = version,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(),
        };
        var dedupe = DedupeStatuses(options);

        try
        {
            await _client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe);
        }
        catch (InvalidOperationException e)
        {
            // Providers word a refused duplicate differently (Azure Storage omits the ID): confirm it, then say it one way.
            if (await GetStatusAsync(instanceId) is not { } status || !dedupe.Contains(status))
            {
                throw;
            }

            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with instance ID '{instanceId}' already exists with status {status.ToRuntimeStatus()}; it was not started again.",
                e);
        }

        return instanceId;
    }

    private static OrchestrationStatus[] DedupeStatuses(StartOrchestrationOptions? options)
    {
        var requested = options?.DedupeStatuses?.Select(name => Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status)
            ? status.ToCoreStatus()
            : throw new ArgumentException($"'{name}' is not an orchestration runtime status.", nameof(options)));
        return [.. ActiveStatuses.Union(requested ?? [])];
    }

    private async Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellation)
    {
        // Some services answer an unknown ID with a list holding null rather than an empty list.
        var states = await _client.GetOrchestrationStateAsync(instanceId, allExecutions: false).WaitAsync(cancellation);
        return states?.FirstOrDefault(state => state is not null);
    }

    private async Task<OrchestrationStatus?> GetStatusAsync(string instanceId) =>
        (await GetStateAsync(instanceId, CancellationToken.None))?.OrchestrationStatus;

    private async Task<OrchestrationMetadata> PollUntilAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> reached, CancellationToken cancellation)
    {
        var delay = FirstPollDelay;
        while (true)
        {
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"No orchestration with instance ID '{instanceId}' exists.");
            if (reached(instance))
            {
                return instance;
            }

            await Task.Delay(delay, cancellation);
            delay = delay * 2 < MaxPollDelay ? delay * 2 : MaxPollDelay;
        }
    }

    private Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });
    }

    private async Task<TaskFailureDetails?> ReadFailureFromHistoryAsync(OrchestrationInstance instance)
    {
        try
        {
            return HistoryFailureDetails.Read(await _client.GetOrchestrationHistoryAsync(instance.InstanceId, instance.ExecutionId));
        }
        catch (Exception e) when (e is NotImplementedException or NotSupportedException)
        {
            return null;
        }
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool includeInputsAndOutputs, TaskFailureDetails? failure) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = includeInputsAndOutputs ? _converter : null,
            RuntimeStatus = state.OrchestrationStatus.ToRuntimeStatus(),
            CreatedAt = state.CreatedTime.AsUtc(),
            LastUpdatedAt = state.LastUpdatedTime.AsUtc(),
            SerializedInput = includeInputsAndOutputs ? state.Input : null,
            SerializedOutput = includeInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = state.Status,
            Tags = state.Tags is { } tags ? tags.AsReadOnly() : new Dictionary<string, string>().AsReadOnly(),
            FailureDetails = failure,
        };

    private static PurgeResult ToPurgeResult(CorePurgeResult result) => new(result.DeletedInstanceCount, result.IsComplete);

    private static void RejectRecursivePurge(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge is not supported by this client.");
        }
    }

    private T Require<T>() where T : class =>
        _client as T ?? throw new NotSupportedException($"The orchestration service client ({_client.GetType().Name}) does not implement {typeof(T).Name}.");
}
