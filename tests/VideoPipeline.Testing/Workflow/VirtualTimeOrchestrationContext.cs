using System.Text.Json;
using Microsoft.DurableTask.Entities;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Core;

namespace VideoPipeline.Testing.Workflow;

/// <summary>
/// A deterministic, single-threaded <see cref="TaskOrchestrationContext"/> with virtual time, for testing and measuring
/// the workflow's decisions: activities are scripted delegates, timers fire in virtual-time order, events arrive at
/// scheduled virtual times, events sent to other instances are recorded, and minutes of generation pass in microseconds.
/// Inputs, results, events and custom status go through JSON with the pipeline's options, as on the real engine. What it
/// does not do is replay: the engine's replay and durability are tested on the engine itself.
/// </summary>
public sealed class VirtualTimeOrchestrationContext(DateTime start) : TaskOrchestrationContext
{
    // Recording a job's outcome (metrics, the last span) decides nothing in the workflow: it succeeds unless a test
    // scripts it otherwise.
    private readonly Dictionary<string, Func<JsonElement, object?>> _activities = new(StringComparer.Ordinal)
    {
        [ActivityNames.RecordOutcome] = _ => true,
    };
    private readonly List<(DateTime FireAt, TaskCompletionSource Completion)> _timers = [];
    private readonly List<(DateTime At, string Name, object? Payload)> _scheduledEvents = [];
    private readonly Dictionary<string, Queue<string>> _bufferedEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Action<string>>> _waiters = new(StringComparer.Ordinal);
    private readonly DateTime _start = start;
    private DateTime _now = start;

    public string Id { get; init; } = "job-test";

    public override TaskName Name => ActivityNames.Orchestrator;

    public override string InstanceId => Id;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => false;

    public override TaskOrchestrationEntityFeature Entities =>
        throw new NotSupportedException("The workflow uses no entities.");

    public override IReadOnlyDictionary<string, object?> Properties { get; } = new Dictionary<string, object?>();

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public List<(string Name, DateTime At, JsonElement Input)> ActivityCalls { get; } = [];

    public List<DateTime> TimersCreated { get; } = [];

    public List<JobProgress> StatusHistory { get; } = [];

    /// <summary>Events the orchestration sent to other instances, in order, with their payloads as JSON.</summary>
    public List<(string InstanceId, string Name, DateTime At, JsonElement Payload)> SentEvents { get; } = [];

    public int Calls(string name) => ActivityCalls.Count(c => c.Name == name);

    public void OnActivity<TInput>(string name, Func<TInput, object?> handler) =>
        _activities[name] = input => handler(input.Deserialize<TInput>(PipelineJson.Options)!);

    public void RaiseAt(TimeSpan afterStart, string name, object? payload = null) =>
        _scheduledEvents.Add((_start + afterStart, name, payload));

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var json = JsonSerializer.SerializeToElement(input, PipelineJson.Options);
        ActivityCalls.Add((name.Name, _now, json));
        if (!_activities.TryGetValue(name.Name, out var handler))
        {
            throw new InvalidOperationException($"Activity '{name.Name}' is not scripted.");
        }

        var result = JsonSerializer.SerializeToElement(handler(json), PipelineJson.Options);
        return Task.FromResult(result.Deserialize<TResult>(PipelineJson.Options)!);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        TimersCreated.Add(fireAt);
        var completion = new TaskCompletionSource();
        cancellationToken.Register(() => completion.TrySetCanceled());
        _timers.Add((fireAt, completion));
        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource<T>();
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            completion.SetResult(JsonSerializer.Deserialize<T>(buffered.Dequeue(), PipelineJson.Options)!);
            return completion.Task;
        }

        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            _waiters[eventName] = waiters = new Queue<Action<string>>();
        }

        waiters.Enqueue(json => completion.TrySetResult(JsonSerializer.Deserialize<T>(json, PipelineJson.Options)!));
        return completion.Task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var json = JsonSerializer.Serialize(customStatus, PipelineJson.Options);
        StatusHistory.Add(JsonSerializer.Deserialize<JobProgress>(json, PipelineJson.Options)!);
    }

    public override T? GetInput<T>() where T : default =>
        throw new NotSupportedException("Pass the input to the orchestrator's RunAsync.");

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(
        TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException("The workflow starts no sub-orchestrations.");

    public override void SendEvent(string instanceId, string eventName, object payload) =>
        SentEvents.Add((instanceId, eventName, _now, JsonSerializer.SerializeToElement(payload, PipelineJson.Options)));

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        throw new NotSupportedException("The workflow does not continue as new.");

    public override Guid NewGuid() => throw new NotSupportedException("The workflow creates no GUIDs.");

    /// <summary>Runs the orchestration to completion, advancing virtual time from one timer or event to the next.</summary>
    public TResult Run<TResult>(Func<TaskOrchestrationContext, Task<TResult>> orchestration, int maxSteps = 100_000)
    {
        var run = orchestration(this);
        for (var step = 0; !run.IsCompleted; step++)
        {
            if (step > maxSteps)
            {
                throw new InvalidOperationException("The orchestration did not finish within the step budget.");
            }

            _timers.RemoveAll(t => t.Completion.Task.IsCompleted);
            var nextTimer = _timers.OrderBy(t => t.FireAt).Select(t => (DateTime?)t.FireAt).FirstOrDefault();
            var nextEvent = _scheduledEvents.OrderBy(e => e.At).Select(e => (DateTime?)e.At).FirstOrDefault();
            if (nextTimer is null && nextEvent is null)
            {
                throw new InvalidOperationException("The orchestration is stuck: no timer or event pending.");
            }

            if (nextEvent is { } at && (nextTimer is null || at <= nextTimer))
            {
                var scheduled = _scheduledEvents.OrderBy(e => e.At).First();
                _scheduledEvents.Remove(scheduled);
                _now = Max(_now, scheduled.At);
                Deliver(scheduled.Name, JsonSerializer.Serialize(scheduled.Payload, PipelineJson.Options));
            }
            else
            {
                var timer = _timers.OrderBy(t => t.FireAt).First();
                _timers.Remove(timer);
                _now = Max(_now, timer.FireAt);
                timer.Completion.TrySetResult();
            }
        }

        return run.GetAwaiter().GetResult();
    }

    private void Deliver(string name, string json)
    {
        if (_waiters.TryGetValue(name, out var waiters) && waiters.Count > 0)
        {
            waiters.Dequeue()(json);
            return;
        }

        if (!_bufferedEvents.TryGetValue(name, out var buffered))
        {
            _bufferedEvents[name] = buffered = new Queue<string>();
        }

        buffered.Enqueue(json);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
