using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>How a job ended, the input of the activity that records it in the pipeline's metrics and the job's trace.</summary>
public sealed record JobOutcome(string JobId, ProviderName Provider, string Model, VideoJobResult Result)
{
    /// <summary>The job's <see cref="VideoJobInput.TraceParent"/>: the activity's span joins the job's trace.</summary>
    public string? TraceParent { get; init; }
}
