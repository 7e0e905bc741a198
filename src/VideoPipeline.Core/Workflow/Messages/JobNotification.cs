using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>The body POSTed to a job's <c>notifyUrl</c> when it ends.</summary>
public sealed record JobNotification(
    string Type,
    string JobId,
    JobStatus Status,
    OutputView? Output,
    JobError? Error,
    string? ProviderTaskId,
    JobTimings Timings)
{
    public const string CompletedType = "video.job.completed";
}
