using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Stats;

/// <summary>
/// What the emulator has been asked and has done: overall, per provider, per task id and per prompt; and for each task,
/// when its status was checked and when its callbacks were delivered (<see cref="TaskTimeline"/>).
/// </summary>
internal sealed class EmulatorStats(TimeProvider time)
{
    private State _state = new();

    public void Record(StatKind kind, ProviderKind provider, EmulatedTask? task = null, string? prompt = null)
    {
        var state = Volatile.Read(ref _state);
        state.Overall.Increment(kind);
        state.Providers[provider].Increment(kind);
        if (task is not null)
        {
            var entry = state.Tasks.GetOrAdd(task.Id, _ => new TaskEntry(task.Provider, task.Prompt));
            entry.Counters.Increment(kind);
            entry.Timeline.Record(kind, time.GetUtcNow());
        }

        if ((task?.Prompt ?? prompt) is { } key)
        {
            state.Prompts.GetOrAdd(key, _ => new StatCounters()).Increment(kind);
        }
    }

    /// <summary>Tracks the high-water marks of concurrently running tasks, sampled whenever one is admitted.</summary>
    public void ObserveRunning(ProviderKind provider, int providerRunning, int totalRunning)
    {
        var state = Volatile.Read(ref _state);
        RaiseTo(ref state.MaxRunning[(int)provider], providerRunning);
        RaiseTo(ref state.MaxRunningOverall, totalRunning);
    }

    public void Clear() => Volatile.Write(ref _state, new State());

    /// <summary>
    /// The task's life as a client saw it: created, due to complete, and the times of its status checks and delivered
    /// callbacks (the most recent <see cref="TaskTimeline.MaxEntries"/> of each).
    /// </summary>
    public JsonObject TimelineJson(EmulatedTask task)
    {
        var timeline = Volatile.Read(ref _state).Tasks.TryGetValue(task.Id, out var entry) ? entry.Timeline : new TaskTimeline();
        var json = new JsonObject
        {
            ["id"] = task.Id,
            ["provider"] = task.Provider.WireName(),
            ["prompt"] = task.Prompt,
            ["createdAt"] = task.CreatedAt,
            ["completesAt"] = task.CompletedAt,
        };
        foreach (var (name, times) in timeline.Snapshot())
        {
            json[name] = new JsonArray(times.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        }

        return json;
    }

    public JsonObject ToJson(TaskStore store, DateTimeOffset now)
    {
        var state = Volatile.Read(ref _state);
        var overall = state.Overall.ToJson();
        overall["runningTasks"] = store.RunningCount(now);
        overall["maxRunningTasks"] = Interlocked.Read(ref state.MaxRunningOverall);

        var providers = new JsonObject();
        foreach (var provider in ProviderKindExtensions.All)
        {
            var counters = state.Providers[provider].ToJson();
            counters["runningTasks"] = store.RunningCount(provider, now);
            counters["maxRunningTasks"] = Interlocked.Read(ref state.MaxRunning[(int)provider]);
            providers[provider.WireName()] = counters;
        }

        var tasks = new JsonObject();
        foreach (var (id, entry) in state.Tasks.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var counters = entry.Counters.ToJson();
            counters["provider"] = entry.Provider.WireName();
            counters["prompt"] = entry.Prompt;
            tasks[id] = counters;
        }

        var prompts = new JsonObject();
        foreach (var (prompt, counters) in state.Prompts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            prompts[prompt] = counters.ToJson();
        }

        return new JsonObject
        {
            ["overall"] = overall,
            ["providers"] = providers,
            ["tasks"] = tasks,
            ["prompts"] = prompts,
        };
    }

    private static void RaiseTo(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed record TaskEntry(ProviderKind Provider, string Prompt)
    {
        public StatCounters Counters { get; } = new();

        public TaskTimeline Timeline { get; } = new();
    }

    // Reset swaps the whole state, so a recording that races with a reset lands in either the old or the new state,
    // never half in each.
    private sealed class State
    {
        public long MaxRunningOverall;

        public long[] MaxRunning { get; } = new long[ProviderKindExtensions.All.Count];

        public StatCounters Overall { get; } = new();

        public Dictionary<ProviderKind, StatCounters> Providers { get; } =
            ProviderKindExtensions.All.ToDictionary(p => p, _ => new StatCounters());

        public ConcurrentDictionary<string, TaskEntry> Tasks { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, StatCounters> Prompts { get; } = new(StringComparer.Ordinal);
    }
}
