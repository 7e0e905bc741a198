namespace VideoPipeline.Client.Models;

/// <summary>One item of a batch as it is now: its job's status and error, or why it is invalid.</summary>
public sealed class VideoBatchItem
{
    /// <summary>The item's position in the batch, from 0.</summary>
    public int Index { get; init; }

    /// <summary>The item's job; null when the item is invalid.</summary>
    public string? JobId { get; init; }

    /// <summary>A job status (<c>queued</c> … <c>cancelled</c>) or <c>invalid</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the job failed or was cancelled.</summary>
    public VideoJobError? Error { get; init; }

    /// <summary>Every failing field of an invalid item, with its messages.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
