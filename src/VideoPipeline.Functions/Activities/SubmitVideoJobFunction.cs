using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Submits the job to its provider (money-safe: see the activity). Exposes Core's <see cref="SubmitVideoJobActivity"/> as the activity <c>SubmitVideoJob</c>.</summary>
public sealed class SubmitVideoJobFunction(SubmitVideoJobActivity activity)
{
    [Function(ActivityNames.Submit)]
    public Task<ProviderCallResult> RunAsync([ActivityTrigger] SubmitJobInput input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
