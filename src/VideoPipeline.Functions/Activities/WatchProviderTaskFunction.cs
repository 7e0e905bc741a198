using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Registers a waiting job's provider task with the task watch. Exposes Core's <see cref="WatchProviderTaskActivity"/> as the activity <c>WatchProviderTask</c>.</summary>
public sealed class WatchProviderTaskFunction(WatchProviderTaskActivity activity)
{
    [Function(ActivityNames.WatchTask)]
    public Task<bool> RunAsync([ActivityTrigger] WatchedTask input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
