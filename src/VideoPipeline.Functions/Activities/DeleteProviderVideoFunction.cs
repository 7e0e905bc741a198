using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Deletes the archived video at the provider where the provider supports it. Exposes Core's <see cref="DeleteProviderVideoActivity"/> as the activity <c>DeleteProviderVideo</c>.</summary>
public sealed class DeleteProviderVideoFunction(DeleteProviderVideoActivity activity)
{
    [Function(ActivityNames.Delete)]
    public Task<bool> RunAsync([ActivityTrigger] ProviderTaskRef input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
