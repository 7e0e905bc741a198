using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow.Planning;

/// <summary>
/// Everything the workflow needs from configuration, fixed when the job starts and carried in its input, so replays
/// never read configuration (which may change between them).
/// </summary>
public sealed record JobPlan
{
    /// <summary>Callback or Poll; Auto is resolved before the job starts.</summary>
    public required WaitMode WaitMode { get; init; }

    /// <summary>The URL the provider calls back (per-task callbacks only).</summary>
    public Uri? CallbackUrl { get; init; }

    public required TimeSpan Deadline { get; init; }

    public required TimeSpan MinPollInterval { get; init; }

    public required TimeSpan MaxPollInterval { get; init; }

    /// <summary>
    /// The gap between status checks in callback mode. Null in the inputs of jobs started before it existed, which
    /// keep checking every <see cref="MaxPollInterval"/> so that their replays schedule the timers they did.
    /// </summary>
    public TimeSpan? CallbackSafetyNetInterval { get; init; }

    /// <summary>
    /// Set when the task watch checks the task (<c>TaskWatch:Enabled</c>), in either wait mode: the gap between the
    /// job's own checks, which only catch a watch that stopped. Null when the job checks its task itself, as do the
    /// jobs started before the watch existed, so that their replays schedule the timers they did.
    /// </summary>
    public TimeSpan? TaskWatchSafetyNetInterval { get; init; }

    /// <summary>The model's typical generation time: the first polling estimate when the provider gives none.</summary>
    public required TimeSpan TypicalGenerationTime { get; init; }

    public bool ResubmitWhenOutcomeUnknown { get; init; }

    /// <summary>Delete the video at the provider once it is archived (where the provider supports it).</summary>
    public bool DeleteAtProvider { get; init; }

    public required string Container { get; init; }

    public required string BlobName { get; init; }

    /// <summary>The provider's concurrent-task limit; null (no admission step) when it has none.</summary>
    public TaskSlotPlan? TaskSlots { get; init; }
}
