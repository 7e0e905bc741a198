using Azure;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Planning;

namespace VideoPipeline.Core.Watch;

/// <summary>
/// The watch's tasks in the order of their next check, so that a round costs the checks it makes rather than the
/// tasks watched: with thousands of tasks, rounds come many times a second. A task taken for checking is out of the
/// order until <see cref="Reschedule"/> puts it back; one replaced (registered again) or removed meanwhile stays out.
/// Safe for a round, a re-read of the registrations and tracking from activities at once.
/// </summary>
internal sealed class TaskWatchSchedule
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // Holds an entry once per time it was scheduled; an element whose entry was replaced, removed or scheduled again
    // since is skipped when it comes up.
    private readonly PriorityQueue<Entry, DateTimeOffset> _order = new();
    private readonly Lock _lock = new();
    private long _additions;

    /// <summary>How many entries were ever added: taken before re-reading the registrations, it tells which entries the read could not have seen.</summary>
    public long Additions
    {
        get
        {
            lock (_lock)
            {
                return _additions;
            }
        }
    }

    /// <summary>Adds the job's task, or replaces the job's earlier one, due on the job's polling schedule.</summary>
    public void Add(WatchedTask task, ETag etag)
    {
        lock (_lock)
        {
            var entry = new Entry(task, etag, ++_additions);
            _entries[task.JobId] = entry;
            _order.Enqueue(entry, entry.NextCheckAt);
        }
    }

    public Entry? Find(string jobId)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault(jobId);
        }
    }

    /// <summary>
    /// Brings the schedule in line with the registrations just read: drops the tasks no longer registered — those added
    /// up to <paramref name="additionsBeforeRead"/> (later ones were added after the read, which says nothing of them) —
    /// and names the registrations this schedule lacks or has in an older version.
    /// </summary>
    /// <returns>The jobs whose registrations are to be read.</returns>
    public List<string> Reconcile(IReadOnlyDictionary<string, ETag> registered, long additionsBeforeRead)
    {
        lock (_lock)
        {
            foreach (var (jobId, entry) in _entries.ToList())
            {
                if (entry.Sequence <= additionsBeforeRead && !registered.ContainsKey(jobId))
                {
                    _entries.Remove(jobId);
                }
            }

            return registered.Where(r => !_entries.TryGetValue(r.Key, out var entry) || entry.ETag != r.Value).Select(r => r.Key).ToList();
        }
    }

    /// <summary>Removes the job's task, whichever entry it is: the job ended.</summary>
    public void Remove(string jobId)
    {
        lock (_lock)
        {
            _entries.Remove(jobId);
        }
    }

    /// <summary>Removes the entry unless it was replaced meanwhile.</summary>
    public void Remove(Entry entry)
    {
        lock (_lock)
        {
            if (IsCurrent(entry))
            {
                _entries.Remove(entry.Task.JobId);
            }
        }
    }

    /// <summary>Puts a checked entry back, due at <paramref name="nextCheckAt"/>, unless it was replaced or removed meanwhile.</summary>
    public void Reschedule(Entry entry, DateTimeOffset nextCheckAt)
    {
        lock (_lock)
        {
            entry.NextCheckAt = nextCheckAt;
            if (IsCurrent(entry))
            {
                _order.Enqueue(entry, nextCheckAt);
            }
        }
    }

    /// <summary>Takes the entries due by <paramref name="now"/> out of the order, earliest first.</summary>
    public List<Entry> TakeDue(DateTimeOffset now)
    {
        var due = new List<Entry>();
        lock (_lock)
        {
            while (_order.TryPeek(out var entry, out var at) && at <= now)
            {
                _order.Dequeue();
                if (IsScheduledAt(entry, at))
                {
                    due.Add(entry);
                }
            }
        }

        return due;
    }

    /// <summary>When the next entry falls due; null when none waits (all being checked, or none watched).</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_lock)
        {
            while (_order.TryPeek(out var entry, out var at))
            {
                if (IsScheduledAt(entry, at))
                {
                    return at;
                }

                _order.Dequeue();
            }

            return null;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _order.Clear();
        }
    }

    private bool IsCurrent(Entry entry) =>
        _entries.TryGetValue(entry.Task.JobId, out var current) && ReferenceEquals(current, entry);

    private bool IsScheduledAt(Entry entry, DateTimeOffset at) => IsCurrent(entry) && entry.NextCheckAt == at;

    /// <summary>One task in the schedule.</summary>
    internal sealed class Entry(WatchedTask task, ETag etag, long sequence)
    {
        public WatchedTask Task { get; } = task;

        public ETag ETag { get; } = etag;

        public long Sequence { get; } = sequence;

        public DateTimeOffset NextCheckAt { get; set; } = Utc(task.CheckedAt) + NextDelay(task, task.Latest, task.CheckedAt);

        /// <summary>Status checks that failed in a row.</summary>
        public int Failures { get; set; }

        public ProviderTask Latest { get; set; } = task.Latest;

        /// <summary>The job's own polling schedule, as if it checked the task itself.</summary>
        public static TimeSpan NextDelay(WatchedTask task, ProviderTask latest, DateTime now) =>
            PollingSchedule.NextDelay(task.Plan, Utc(now) - Utc(task.SubmittedAt), latest.EstimatedTime, latest.Progress, latest.PollAfter, null);

        // Orchestration times are UTC; a registration read back may say so only in its value's kind being unspecified.
        private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
    }
}
