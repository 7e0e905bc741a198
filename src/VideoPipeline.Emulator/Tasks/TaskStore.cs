using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace VideoPipeline.Emulator.Tasks;

/// <summary>All tasks of all providers, in memory.</summary>
internal sealed class TaskStore
{
    private readonly ConcurrentDictionary<string, EmulatedTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmulatedTask> _byFileToken = new(StringComparer.Ordinal);

    // Admission counts running tasks and adds one as a single step, so parallel submissions cannot overshoot a
    // concurrency limit.
    private readonly Lock _admission = new();
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Adds the task unless the provider already runs <paramref name="maxConcurrent"/> tasks (0 = no limit).</summary>
    public AdmissionResult TryAdmit(EmulatedTask task, int maxConcurrent, DateTimeOffset now)
    {
        lock (_admission)
        {
            var running = Running(task.Provider, now).ToList();
            if (maxConcurrent > 0 && running.Count >= maxConcurrent)
            {
                var firstFreeSlot = running.Min(t => t.CompletedAt);
                return AdmissionResult.Rejected(firstFreeSlot - now);
            }

            _tasks[task.Id] = task;
            _byFileToken[task.FileToken] = task;
            return AdmissionResult.Admitted(running.Count + 1, RunningCount(now));
        }
    }

    /// <summary>Finds a task of one provider; ids of another provider's tasks are unknown there, as on the real services.</summary>
    public bool TryGet(ProviderKind provider, string id, [NotNullWhen(true)] out EmulatedTask? task)
    {
        if (_tasks.TryGetValue(id, out task) && task.Provider == provider)
        {
            return true;
        }

        task = null;
        return false;
    }

    public bool TryGetByFileToken(string token, [NotNullWhen(true)] out EmulatedTask? task) =>
        _byFileToken.TryGetValue(token, out task);

    public IEnumerable<EmulatedTask> ForProvider(ProviderKind provider) =>
        _tasks.Values.Where(t => t.Provider == provider);

    public int RunningCount(ProviderKind provider, DateTimeOffset now) => Running(provider, now).Count();

    public int RunningCount(DateTimeOffset now) => _tasks.Values.Count(t => t.CompletedAt > now);

    public void Clear()
    {
        lock (_admission)
        {
            _tasks.Clear();
            _byFileToken.Clear();
        }
    }

    private IEnumerable<EmulatedTask> Running(ProviderKind provider, DateTimeOffset now) =>
        _tasks.Values.Where(t => t.Provider == provider && t.CompletedAt > now);
}
