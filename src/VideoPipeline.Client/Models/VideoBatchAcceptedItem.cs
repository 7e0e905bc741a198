namespace VideoPipeline.Client.Models;

/// <summary>One item of a started batch: its job, or why it was refused.</summary>
public sealed class VideoBatchAcceptedItem
{
    /// <summary>The item's position in the batch, from 0.</summary>
    public int Index { get; init; }

    /// <summary>The job started for the item; null when the item is invalid.</summary>
    public string? Id { get; init; }

    /// <summary><c>queued</c>, or <c>invalid</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Every failing field of an invalid item, with its messages.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
