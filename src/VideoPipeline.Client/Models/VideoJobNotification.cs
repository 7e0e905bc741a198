namespace VideoPipeline.Client.Models;

/// <summary>
/// What the pipeline POSTs to a job's <see cref="VideoJobRequest.NotifyUrl"/> when the job ends. Verify it with
/// <see cref="Notifications.NotificationVerifier"/> before trusting it.
/// </summary>
public sealed class VideoJobNotification
{
    /// <summary>The event type a job's end is sent as.</summary>
    public const string CompletedType = "video.job.completed";

    /// <summary>The event type, <see cref="CompletedType"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The job that ended.</summary>
    public required string JobId { get; init; }

    /// <summary>succeeded, failed or cancelled.</summary>
    public required VideoJobStatus Status { get; init; }

    /// <summary>The archived video, when the job succeeded.</summary>
    public VideoJobOutput? Output { get; init; }

    /// <summary>Why the job failed or was cancelled.</summary>
    public VideoJobError? Error { get; init; }

    /// <summary>The provider's task id.</summary>
    public string? ProviderTaskId { get; init; }

    /// <summary>When each step ended.</summary>
    public VideoJobTimings? Timings { get; init; }
}
