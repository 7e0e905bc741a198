namespace VideoPipeline.Client.Models;

/// <summary>A video job as the service reports it (<c>GET /api/videos/{id}</c>).</summary>
public sealed class VideoJob
{
    /// <summary>The job id.</summary>
    public required string Id { get; init; }

    /// <summary>Where the job is; <see cref="VideoJobStatus.IsFinal"/> once it has ended.</summary>
    public required VideoJobStatus Status { get; init; }

    /// <summary>The provider's progress, 0-100, when it reports one.</summary>
    public int? Progress { get; init; }

    /// <summary>A short human-readable description of the current step.</summary>
    public string? Phase { get; init; }

    /// <summary>The provider, model and provider task.</summary>
    public required VideoJobProvider Provider { get; init; }

    /// <summary>Where the video goes; with its URI, size and SHA-256 once archived.</summary>
    public VideoJobOutput? Output { get; init; }

    /// <summary>Why the job failed or was cancelled; null otherwise.</summary>
    public VideoJobError? Error { get; init; }

    /// <summary>The batch the job belongs to, if any.</summary>
    public string? BatchId { get; init; }

    /// <summary>When the job was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the job last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the job ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When each step ended, once the job has.</summary>
    public VideoJobTimings? Timings { get; init; }
}
