using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Cancels the task at the provider where the provider supports it. Exposes Core's <see cref="CancelProviderTaskActivity"/> as the activity <c>CancelProviderTask</c>.</summary>
public sealed class CancelProviderTaskFunction(CancelProviderTaskActivity activity)
{
    [Function(ActivityNames.Cancel)]
    public Task<bool> RunAsync([ActivityTrigger] ProviderTaskRef input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
