using Azure;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// A job in a provider's queue of jobs waiting for a task slot, as stored. The queue is ordered by
/// <see cref="QueuedAt"/> (then job id): the oldest live waiter is the next to get a slot.
/// </summary>
/// <param name="QueuedAt">When the job started waiting; fixed for the job, so asking again keeps its place.</param>
/// <param name="ExpiresAt">When its place lapses unless the job re-checks (a job that died stops re-checking).</param>
public sealed record SlotWaiter(string JobId, DateTimeOffset QueuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The entry's blob name, which orders the queue.</summary>
    internal string Name { get; init; } = "";

    /// <summary>The entry's ETag when it was read; taking a waiter out of the queue is conditional on it.</summary>
    internal ETag? ETag { get; init; }

    public bool IsLiveAt(DateTimeOffset now) => ExpiresAt > now;
}
