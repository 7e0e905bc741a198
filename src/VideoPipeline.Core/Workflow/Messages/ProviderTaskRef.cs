using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>Identifies one provider task, the input of status, cancel and delete activities.</summary>
public sealed record ProviderTaskRef(ProviderName Provider, string Model, string TaskId)
{
    /// <summary>The job's <see cref="VideoJobInput.TraceParent"/>: the activity's span joins the job's trace.</summary>
    public string? TraceParent { get; init; }
}
