using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Admits a waiting job to one of the provider's concurrent-task slots in queue order, or renews it. Exposes Core's <see cref="AcquireTaskSlotActivity"/> as <c>AcquireTaskSlot</c>.</summary>
public sealed class AcquireTaskSlotFunction(AcquireTaskSlotActivity activity)
{
    [Function(ActivityNames.AcquireTaskSlot)]
    public Task<TaskSlotGrant> RunAsync([ActivityTrigger] TaskSlotRequest input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
