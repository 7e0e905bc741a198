using System.Text.Json;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Tests.Workflow;

/// <summary>
/// A deterministic, single-threaded implementation of the orchestration port with virtual time, for testing the
/// workflow's decisions (DESIGN.md §9). Activities are scripted delegates; timers fire in virtual-time order; events
/// can be scheduled at virtual times. Inputs and results go through JSON, as on the real engines.
/// </summary>
public sealed class VirtualTimeOrchestrationContext(DateTime start) : IOrchestrationContext
{
    private readonly Dictionary<string, Func<JsonElement, object?>> _activities = new();
    private readonly List<(DateTime FireAt, TaskCompletionSource Completion)> _timers = [];
    private readonly List<(DateTime At, string Name, object? Payload)> _scheduledEvents = [];
    private readonly Dictionary<string, Queue<string>> _bufferedEvents = new();
    private readonly Dictionary<string, Queue<Action<string>>> _waiters = new();
    private readonly DateTime _start = start;

    public string InstanceId { get; init; } = "job-test";

    public DateTime CurrentUtcDateTime { get; private set; } = start;

    public bool IsReplaying => false;

    public List<(string Name, DateTime At, JsonElement Input)> ActivityCalls { get; } = [];

    public List<DateTime> TimersCreated { get; } = [];

    public List<JobProgress> StatusHistory { get; } = [];

    public int Calls(string name) => ActivityCalls.Count(c => c.Name == name);

    public void OnActivity<TInput>(string name, Func<TInput, object?> handler) =>
        _activities[name] = input => handler(input.Deserialize<TInput>(PipelineJson.Options)!);

    public void RaiseAt(TimeSpan afterStart, string name, object? payload = null) =>
        _scheduledEvents.Add((_start + afterStart, name, payload));

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        var json = JsonSerializer.SerializeToElement(input, PipelineJson.Options);
        ActivityCalls.Add((name, CurrentUtcDateTime, json));
        if (!_activities.TryGetValue(name, out var handler))
        {
            throw new InvalidOperationException($"Activity '{name}' is not scripted.");
        }

        var result = JsonSerializer.SerializeToElement(handler(json), PipelineJson.Options);
        return Task.FromResult(result.Deserialize<TResult>(PipelineJson.Options)!);
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        TimersCreated.Add(fireAt);
        var completion = new TaskCompletionSource();
        cancellationToken.Register(() => completion.TrySetCanceled());
        _timers.Add((fireAt, completion));
        return completion.Task;
    }

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
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

    public void SetCustomStatus(object? customStatus)
    {
        var json = JsonSerializer.Serialize(customStatus, PipelineJson.Options);
        StatusHistory.Add(JsonSerializer.Deserialize<JobProgress>(json, PipelineJson.Options)!);
    }

    /// <summary>Runs the orchestration to completion, advancing virtual time from one timer or event to the next.</summary>
    public TResult Run<TResult>(Func<IOrchestrationContext, Task<TResult>> orchestration, int maxSteps = 10_000)
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
                CurrentUtcDateTime = Max(CurrentUtcDateTime, scheduled.At);
                Deliver(scheduled.Name, JsonSerializer.Serialize(scheduled.Payload, PipelineJson.Options));
            }
            else
            {
                var timer = _timers.OrderBy(t => t.FireAt).First();
                _timers.Remove(timer);
                CurrentUtcDateTime = Max(CurrentUtcDateTime, timer.FireAt);
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
