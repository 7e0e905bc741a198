using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Tests.Batches;

/// <summary>
/// An orchestration client that only records: started instances stay pending unless a test finishes them. Counts
/// every start so tests can tell an idempotent start from a duplicate one; can be told to fail after some starts.
/// </summary>
internal sealed class InMemoryOrchestrationClient : IOrchestrationClient
{
    private readonly ConcurrentDictionary<string, OrchestrationInstance> _instances = new(StringComparer.Ordinal);
    private int _starts;

    /// <summary>New instances accepted before every further start throws (a crash half-way through an intake).</summary>
    public int? FailAfterStarts { get; set; }

    public int Starts => _starts;

    public IReadOnlyCollection<OrchestrationInstance> Instances => _instances.Values.ToList();

    public VideoJobInput Input(string instanceId) =>
        JsonSerializer.Deserialize<VideoJobInput>(_instances[instanceId].SerializedInput!, PipelineJson.Options)!;

    public void Finish(string instanceId, VideoJobResult result, DateTimeOffset at) =>
        _instances[instanceId] = _instances[instanceId] with
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            SerializedOutput = JsonSerializer.Serialize(result, PipelineJson.Options),
            LastUpdatedAt = at,
        };

    public Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input, string instanceId, CancellationToken cancellationToken = default)
    {
        if (FailAfterStarts is { } limit && _starts >= limit && !_instances.ContainsKey(instanceId))
        {
            throw new InvalidOperationException("Simulated crash while starting jobs.");
        }

        var now = DateTimeOffset.UtcNow;
        if (_instances.TryAdd(instanceId, new OrchestrationInstance(
                instanceId, orchestratorName, OrchestrationRuntimeStatus.Pending, now, now,
                JsonSerializer.Serialize(input, PipelineJson.Options))))
        {
            Interlocked.Increment(ref _starts);
        }

        return Task.FromResult(instanceId);
    }

    public Task<OrchestrationInstance?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        Task.FromResult(_instances.GetValueOrDefault(instanceId));

    public Task RaiseEventAsync(
        string instanceId, string eventName, object? eventData = null, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public async IAsyncEnumerable<OrchestrationInstance> QueryInstancesAsync(
        OrchestrationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var instance in _instances.Values.OrderByDescending(i => i.CreatedAt))
        {
            yield return instance;
        }
    }
}
