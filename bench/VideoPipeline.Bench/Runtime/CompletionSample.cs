namespace VideoPipeline.Bench.Runtime;

/// <summary>
/// One job timed from the provider's completion to its end in the job view, on one clock (this process's): the
/// emulator's timeline gives completion, callbacks and status checks; Azurite's access log the archive's first request
/// and its commit; reads of the job view when it first showed <c>succeeded</c>.
/// </summary>
/// <param name="CompletesAt">When the provider finished generating.</param>
/// <param name="CallbackDeliveredAt">When the host accepted the provider's first callback; null when none was.</param>
/// <param name="DetectedAt">The first status check at or after completion: the one that found the video.</param>
/// <param name="ArchiveStartedAt">The archiver's first request.</param>
/// <param name="CommittedAt">The video's block list committed.</param>
/// <param name="SucceededSeenAt">The first read of the job view showing <c>succeeded</c> was answered.</param>
/// <param name="GeneratedAt">The workflow's <c>timings.generatedAt</c> (its own clock of detection).</param>
/// <param name="StatusChecks">Status calls for the task.</param>
/// <param name="CallbacksDelivered">Callbacks the host accepted.</param>
internal sealed record CompletionSample(
    string JobId,
    DateTime CompletesAt,
    DateTime? CallbackDeliveredAt,
    DateTime? DetectedAt,
    DateTime ArchiveStartedAt,
    DateTime CommittedAt,
    DateTime SucceededSeenAt,
    DateTime GeneratedAt,
    int StatusChecks,
    int CallbacksDelivered)
{
    /// <summary>Milliseconds from <paramref name="from"/> to <paramref name="to"/>; null when either is unknown.</summary>
    public static double? Between(DateTime? from, DateTime? to) => from is { } a && to is { } b ? (b - a).TotalMilliseconds : null;
}
