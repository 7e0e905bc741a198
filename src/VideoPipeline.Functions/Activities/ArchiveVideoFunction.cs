using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Streams the finished video into Blob Storage. Exposes Core's <see cref="ArchiveVideoActivity"/> as the activity <c>ArchiveVideo</c>.</summary>
public sealed class ArchiveVideoFunction(ArchiveVideoActivity activity)
{
    [Function(ActivityNames.Archive)]
    public Task<ArchiveVideoResult> RunAsync([ActivityTrigger] ArchiveVideoInput input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
