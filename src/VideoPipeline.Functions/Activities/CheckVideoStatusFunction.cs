using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Fetches the provider task's status (authoritative over any callback). Exposes Core's <see cref="CheckVideoStatusActivity"/> as the activity <c>CheckVideoStatus</c>.</summary>
public sealed class CheckVideoStatusFunction(CheckVideoStatusActivity activity)
{
    [Function(ActivityNames.CheckStatus)]
    public Task<ProviderCallResult> RunAsync([ActivityTrigger] ProviderTaskRef input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
