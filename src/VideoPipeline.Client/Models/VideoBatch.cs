using System.Text.Json.Serialization;

namespace VideoPipeline.Client.Models;

/// <summary>A batch as it is now (<c>GET /api/batches/{id}</c>): counts per status and every item.</summary>
public sealed class VideoBatch
{
    /// <summary>The batch id.</summary>
    public required string Id { get; init; }

    /// <summary><c>running</c> until every job has ended, then <c>finished</c>.</summary>
    public required string Status { get; init; }

    /// <summary>How the batch arrived: <c>http</c> or <c>queue</c>.</summary>
    public string? Source { get; init; }

    /// <summary>When the batch was taken in.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When its last job ended; null while any runs.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The items blob the batch was read from, if any.</summary>
    public string? ItemsBlob { get; init; }

    /// <summary>How many items the batch has.</summary>
    public int Total { get; init; }

    /// <summary>Items per job status, plus <c>invalid</c>; every status is listed, zeros included.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>Every item, in order.</summary>
    public IReadOnlyList<VideoBatchItem> Items { get; init; } = [];

    /// <summary>True once every job of the batch has ended.</summary>
    [JsonIgnore]
    public bool IsFinished => FinishedAt is not null;
}
