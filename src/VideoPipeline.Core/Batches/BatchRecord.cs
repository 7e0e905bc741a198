namespace VideoPipeline.Core.Batches;

/// <summary>
/// What the intake decided about a batch, stored once (create-only) so that every redelivery of its message finds the
/// same job ids. Job states are not copied here: the batch view reads them from the jobs.
/// </summary>
public sealed record BatchRecord
{
    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required BatchSource Source { get; init; }

    /// <summary>SHA-256 of the message body: tells a redelivery (same) from a reused batch id (different).</summary>
    public required string ContentHash { get; init; }

    public string? ItemsBlob { get; init; }

    public required IReadOnlyList<BatchItemRecord> Items { get; init; }
}
