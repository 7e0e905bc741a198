using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>The orchestration output: how the job ended.</summary>
public sealed record VideoJobResult
{
    /// <summary>Succeeded, Failed or Cancelled.</summary>
    public required JobStatus Status { get; init; }

    public OutputView? Output { get; init; }

    public JobError? Error { get; init; }

    public string? ProviderTaskId { get; init; }

    public string? ProviderStatus { get; init; }

    public required JobTimings Timings { get; init; }
}
