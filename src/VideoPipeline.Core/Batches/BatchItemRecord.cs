namespace VideoPipeline.Core.Batches;

/// <summary>One item of a batch record: its job, or why it was not accepted (then it has no job).</summary>
/// <param name="Index">The item's position in the batch (0-based; in an items blob, among its non-blank lines).</param>
/// <param name="Errors">Field errors as the job API reports them (keyed by JSON path, e.g. <c>durationSeconds</c>).</param>
public sealed record BatchItemRecord(int Index, string? JobId, IReadOnlyDictionary<string, string[]>? Errors = null);
