using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Takes (or renews) one of the provider's concurrent-task slots. Exposes Core's <see cref="AcquireTaskSlotActivity"/> as <c>AcquireTaskSlot</c>.</summary>
public sealed class AcquireTaskSlotFunction(AcquireTaskSlotActivity activity)
{
    [Function(ActivityNames.AcquireTaskSlot)]
    public Task<TaskSlotGrant> RunAsync([ActivityTrigger] TaskSlotRequest input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
