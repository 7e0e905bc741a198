using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Bench.Polling;

/// <summary>
/// A deterministic, single-threaded orchestration port with virtual time (the idea of the Core tests'
/// <c>VirtualTimeOrchestrationContext</c>, without their JSON round trips): activities are delegates answering at
/// once, timers fire in virtual-time order, events arrive at scheduled virtual times. Running the real
/// <see cref="VideoJobWorkflow"/> on it measures the polling schedule exactly as the workflow applies it, minutes of
/// generation in microseconds.
/// </summary>
internal sealed class VirtualTimeContext(DateTime start) : IOrchestrationContext
{
    private readonly Dictionary<string, Func<object?, object?>> _activities = new(StringComparer.Ordinal);
    private readonly List<(DateTime FireAt, TaskCompletionSource Completion)> _timers = [];
    private readonly List<(DateTime At, string Name, object? Payload)> _scheduledEvents = [];
    private readonly Dictionary<string, Queue<object?>> _bufferedEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Action<object?>>> _waiters = new(StringComparer.Ordinal);

    public string InstanceId => "job-polling-simulation";

    public DateTime CurrentUtcDateTime { get; private set; } = start;

    public bool IsReplaying => false;

    public void OnActivity(string name, Func<object?, object?> handler) => _activities[name] = handler;

    public void RaiseAt(DateTime at, string name, object? payload) => _scheduledEvents.Add((at, name, payload));

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null) =>
        _activities.TryGetValue(name, out var handler)
            ? Task.FromResult((TResult)handler(input)!)
            : throw new InvalidOperationException($"Activity '{name}' is not simulated.");

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
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
            completion.SetResult((T)buffered.Dequeue()!);
            return completion.Task;
        }

        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            _waiters[eventName] = waiters = new Queue<Action<object?>>();
        }

        waiters.Enqueue(payload => completion.TrySetResult((T)payload!));
        return completion.Task;
    }

    public void SetCustomStatus(object? customStatus)
    {
        // The job view is not under test here.
    }

    /// <summary>Runs the orchestration to its end, jumping from one timer or event to the next.</summary>
    public TResult Run<TResult>(Func<IOrchestrationContext, Task<TResult>> orchestration, int maxSteps = 100_000)
    {
        // Continuations of completed timers and events run inline (no synchronization context), so after each
        // delivery the workflow has already reached its next await.
        var run = orchestration(this);
        for (var step = 0; !run.IsCompleted; step++)
        {
            if (step > maxSteps)
            {
                throw new InvalidOperationException("The orchestration did not finish within the step budget.");
            }

            _timers.RemoveAll(t => t.Completion.Task.IsCompleted);
            DateTime? nextTimer = _timers.Count > 0 ? _timers.Min(t => t.FireAt) : null;
            DateTime? nextEvent = _scheduledEvents.Count > 0 ? _scheduledEvents.Min(e => e.At) : null;
            if (nextEvent is { } at && (nextTimer is null || at <= nextTimer))
            {
                var scheduled = _scheduledEvents.First(e => e.At == at);
                _scheduledEvents.Remove(scheduled);
                CurrentUtcDateTime = Max(CurrentUtcDateTime, at);
                Deliver(scheduled.Name, scheduled.Payload);
            }
            else if (nextTimer is { } fireAt)
            {
                var timer = _timers.First(t => t.FireAt == fireAt);
                _timers.Remove(timer);
                CurrentUtcDateTime = Max(CurrentUtcDateTime, fireAt);
                timer.Completion.TrySetResult();
            }
            else
            {
                throw new InvalidOperationException("The orchestration is stuck: no timer or event pending.");
            }
        }

        return run.GetAwaiter().GetResult();
    }

    private void Deliver(string name, object? payload)
    {
        if (_waiters.TryGetValue(name, out var waiters) && waiters.Count > 0)
        {
            waiters.Dequeue()(payload);
            return;
        }

        if (!_bufferedEvents.TryGetValue(name, out var buffered))
        {
            _bufferedEvents[name] = buffered = new Queue<object?>();
        }

        buffered.Enqueue(payload);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
