using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>The orchestration's custom status: what the job view shows while the job runs.</summary>
public sealed record JobProgress
{
    public required JobStatus Status { get; init; }

    /// <summary>A short human-readable description of the current step.</summary>
    public required string Phase { get; init; }

    public int? Progress { get; init; }

    public string? ProviderTaskId { get; init; }

    public string? ProviderStatus { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>
    /// How the job ended, once it has: the workflow may still delete the provider's copy or notify the caller, and
    /// a reader must not see a finished job without its output or error meanwhile.
    /// </summary>
    public VideoJobResult? Result { get; init; }

    /// <summary>The phase of a job waiting for its provider task.</summary>
    public static string GeneratingPhase(ProviderTask task) => $"Provider status '{task.RawStatus}'";
}
