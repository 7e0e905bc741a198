namespace VideoPipeline.Core.Batches;

/// <summary>What <c>GET /api/batches/{id}</c> returns: counts per status and every item, read from the jobs.</summary>
public sealed record BatchView
{
    public const string Invalid = "invalid";

    public required string Id { get; init; }

    /// <summary><c>running</c> until every job has ended, then <c>finished</c>.</summary>
    public required string Status { get; init; }

    public required BatchSource Source { get; init; }

    /// <summary>When the batch was taken in.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When its last job ended; null while any runs.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    public string? ItemsBlob { get; init; }

    public required int Total { get; init; }

    /// <summary>Items per job status, plus <c>invalid</c>; every status is listed, zeros included.</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    public required IReadOnlyList<BatchItemView> Items { get; init; }
}
