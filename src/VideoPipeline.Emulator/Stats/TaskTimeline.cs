namespace VideoPipeline.Emulator.Stats;

/// <summary>
/// When one task's status was checked and its callbacks were delivered, oldest first: what a benchmark needs to tell how
/// punctually a client polled and how soon it heard of a completion. Each list keeps the most recent
/// <see cref="MaxEntries"/> times, so a task polled for days costs bounded memory.
/// </summary>
internal sealed class TaskTimeline
{
    public const int MaxEntries = 1000;

    private readonly Queue<DateTimeOffset> _statusChecks = new();
    private readonly Queue<DateTimeOffset> _callbacksDelivered = new();

    public void Record(StatKind kind, DateTimeOffset at)
    {
        var times = kind switch
        {
            StatKind.StatusCalls => _statusChecks,
            StatKind.CallbacksDelivered => _callbacksDelivered,
            _ => null,
        };
        if (times is null)
        {
            return;
        }

        lock (times)
        {
            times.Enqueue(at);
            if (times.Count > MaxEntries)
            {
                times.Dequeue();
            }
        }
    }

    /// <summary>The lists under their JSON names.</summary>
    public IEnumerable<(string Name, DateTimeOffset[] Times)> Snapshot()
    {
        yield return ("statusChecks", Copy(_statusChecks));
        yield return ("callbacksDelivered", Copy(_callbacksDelivered));
    }

    private static DateTimeOffset[] Copy(Queue<DateTimeOffset> times)
    {
        lock (times)
        {
            return [.. times];
        }
    }
}
