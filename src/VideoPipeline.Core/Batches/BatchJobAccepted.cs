namespace VideoPipeline.Core.Batches;

/// <summary>One item in the answer to <c>POST /api/batches</c>: its job, or why it was refused.</summary>
/// <param name="Status"><c>queued</c> or <c>invalid</c>.</param>
public sealed record BatchJobAccepted(
    int Index,
    string? Id,
    string Status,
    string? StatusUri = null,
    IReadOnlyDictionary<string, string[]>? Errors = null);
