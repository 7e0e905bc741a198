using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Batches;

/// <summary>One item in the batch view: its job's status and error, or <c>invalid</c> with its validation errors.</summary>
/// <param name="Status">A job status (<c>queued</c> … <c>cancelled</c>) or <c>invalid</c>.</param>
public sealed record BatchItemView(
    int Index,
    string? JobId,
    string Status,
    string? StatusUri = null,
    JobError? Error = null,
    IReadOnlyDictionary<string, string[]>? Errors = null);
