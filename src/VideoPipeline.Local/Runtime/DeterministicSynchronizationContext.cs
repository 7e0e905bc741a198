namespace VideoPipeline.Local.Runtime;

/// <summary>
/// Runs orchestrator code one callback at a time on whichever thread calls <see cref="Run"/>, like Durable's
/// orchestration scheduler: no thread per instance, and continuations run in the order durable tasks complete, so a
/// replay takes the same path. A continuation posted from another thread means the orchestrator awaited something
/// that is not a durable task (<c>Task.Delay</c>, I/O); that is reported, not run.
/// </summary>
internal sealed class DeterministicSynchronizationContext(Action<string> onViolation) : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private int _runningThreadId = -1;

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref _runningThreadId))
        {
            onViolation(
                "The orchestrator awaited a task that is not a durable task (for example Task.Delay, I/O or " +
                "ConfigureAwait(false)); orchestrators may only await activities, timers and external events.");
            return;
        }

        _queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code cannot block on its scheduler.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="action"/> as orchestrator code, then every continuation it makes ready.</summary>
    public void Run(Action action)
    {
        var previous = Current;
        Volatile.Write(ref _runningThreadId, Environment.CurrentManagedThreadId);
        SetSynchronizationContext(this);
        try
        {
            action();
            while (_queue.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
            Volatile.Write(ref _runningThreadId, -1);
        }
    }
}
