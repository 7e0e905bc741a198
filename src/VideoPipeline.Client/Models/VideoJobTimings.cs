namespace VideoPipeline.Client.Models;

/// <summary>When each step of a finished job ended (UTC).</summary>
public sealed class VideoJobTimings
{
    /// <summary>When the workflow started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the provider accepted the task.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When the provider reported the video ready.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>When the video was committed to Blob Storage.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>When the job ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
