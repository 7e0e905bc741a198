using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Workflow.Messages;

public sealed record ArchiveVideoInput(string JobId, JobRequest Request, ProviderTask Task, string Container, string BlobName)
{
    /// <summary>The job's <see cref="VideoJobInput.TraceParent"/>: the activity's span joins the job's trace.</summary>
    public string? TraceParent { get; init; }
}
