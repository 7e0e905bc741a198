using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Emulator.Tasks;

/// <summary>
/// All tasks of all providers, in memory and, when <see cref="EmulatorOptions.DataDirectory"/> is set, on disk
/// (<see cref="TaskFiles"/>): every change is written before the request that made it is answered.
/// </summary>
internal sealed partial class TaskStore
{
    private readonly ConcurrentDictionary<string, EmulatedTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmulatedTask> _byFileToken = new(StringComparer.Ordinal);
    private readonly TaskFiles? _files;

    // Admission counts running tasks and adds one as a single step, so parallel submissions cannot overshoot a
    // concurrency limit. Writes to disk take it too, so the last write of a task carries all of its changes.
    private readonly Lock _gate = new();
    private long _sequence;

    /// <summary>
    /// Reads the tasks kept on disk here rather than in a start-up step, so no request can be answered before they
    /// are known, whatever order the host starts its services in.
    /// </summary>
    public TaskStore(IOptions<EmulatorOptions> options, ILogger<TaskStore> logger)
    {
        if (options.Value.DataDirectory is not { } directory)
        {
            LogInMemory(logger);
            return;
        }

        _files = new TaskFiles(directory);
        var (tasks, unreadable) = _files.LoadAll();
        foreach (var task in tasks)
        {
            Add(task);
            _sequence = Math.Max(_sequence, task.Sequence);
        }

        foreach (var file in unreadable)
        {
            LogUnreadable(logger, file);
        }

        LogLoaded(logger, tasks.Count, _files.Location);
    }

    public IEnumerable<EmulatedTask> All => _tasks.Values;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Adds the task unless the provider already runs <paramref name="maxConcurrent"/> tasks (0 = no limit).</summary>
    public AdmissionResult TryAdmit(EmulatedTask task, int maxConcurrent, DateTimeOffset now)
    {
        lock (_gate)
        {
            var running = Running(task.Provider, now).ToList();
            if (maxConcurrent > 0 && running.Count >= maxConcurrent)
            {
                var firstFreeSlot = running.Min(t => t.CompletedAt);
                return AdmissionResult.Rejected(firstFreeSlot - now);
            }

            _files?.Save(task);
            Add(task);
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

    /// <summary>Finds a task of any provider (the emulator's own endpoints; provider endpoints use the overload above).</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out EmulatedTask? task) => _tasks.TryGetValue(id, out task);

    public bool TryGetByFileToken(string token, [NotNullWhen(true)] out EmulatedTask? task) =>
        _byFileToken.TryGetValue(token, out task);

    public IEnumerable<EmulatedTask> ForProvider(ProviderKind provider) =>
        _tasks.Values.Where(t => t.Provider == provider);

    public int RunningCount(ProviderKind provider, DateTimeOffset now) => Running(provider, now).Count();

    public int RunningCount(DateTimeOffset now) => _tasks.Values.Count(t => t.CompletedAt > now);

    public void MarkDeleted(EmulatedTask task) => Change(task, t => t.MarkDeleted());

    public void MarkCallbacksFinished(EmulatedTask task) => Change(task, t => t.MarkCallbacksFinished());

    public void Clear()
    {
        lock (_gate)
        {
            _tasks.Clear();
            _byFileToken.Clear();
            _files?.DeleteAll();
        }
    }

    private void Change(EmulatedTask task, Action<EmulatedTask> change)
    {
        change(task);
        lock (_gate)
        {
            // A task forgotten by a reset in the meantime stays forgotten.
            if (_tasks.TryGetValue(task.Id, out var stored) && ReferenceEquals(stored, task))
            {
                _files?.Save(task);
            }
        }
    }

    private void Add(EmulatedTask task)
    {
        _tasks[task.Id] = task;
        _byFileToken[task.FileToken] = task;
    }

    private IEnumerable<EmulatedTask> Running(ProviderKind provider, DateTimeOffset now) =>
        _tasks.Values.Where(t => t.Provider == provider && t.CompletedAt > now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tasks are kept in memory only; they are lost when the emulator stops")]
    private static partial void LogInMemory(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} tasks loaded from {Location}; new ones are kept there too")]
    private static partial void LogLoaded(ILogger logger, int count, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable task file: {File}")]
    private static partial void LogUnreadable(ILogger logger, string file);
}
