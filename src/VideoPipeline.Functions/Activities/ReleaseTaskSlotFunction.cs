using Microsoft.Azure.Functions.Worker;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Activities;

/// <summary>Gives a provider task slot back. Exposes Core's <see cref="ReleaseTaskSlotActivity"/> as <c>ReleaseTaskSlot</c>.</summary>
public sealed class ReleaseTaskSlotFunction(ReleaseTaskSlotActivity activity)
{
    [Function(ActivityNames.ReleaseTaskSlot)]
    public Task<bool> RunAsync([ActivityTrigger] TaskSlotRelease input, CancellationToken cancellationToken) =>
        activity.RunAsync(input, cancellationToken);
}
