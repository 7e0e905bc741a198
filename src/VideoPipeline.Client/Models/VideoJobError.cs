namespace VideoPipeline.Client.Models;

/// <summary>Why a job failed or was cancelled.</summary>
public sealed class VideoJobError
{
    /// <summary>
    /// A stable code to switch on, e.g. <c>content_violation</c>, <c>timeout</c>, <c>submission_outcome_unknown</c>,
    /// <c>cancelled</c> (the service's README lists them all).
    /// </summary>
    public required string Code { get; init; }

    /// <summary>A human-readable explanation.</summary>
    public required string Message { get; init; }
}
