using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Batches;

/// <summary>One item after validation: its job id and request when valid, its errors otherwise.</summary>
internal sealed record PreparedBatchItem(
    int Index,
    string? JobId,
    JobRequest? Request,
    ModelDefinition? Model,
    IReadOnlyDictionary<string, string[]>? Errors)
{
    public static PreparedBatchItem Invalid(int index, FieldErrors errors) => new(index, null, null, null, errors.ToDictionary());
}
