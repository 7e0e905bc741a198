using Azure;
using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// Gives a job's task slot back. Safe to run twice (it only frees a slot the job still holds); when storage fails the
/// slot is left to lapse at the end of its lease rather than failing the job.
/// </summary>
public sealed class ReleaseTaskSlotActivity(TaskSlotStore slots, ILogger<ReleaseTaskSlotActivity> logger)
    : IPipelineActivity<TaskSlotRelease, bool>
{
    public async Task<bool> RunAsync(TaskSlotRelease input, CancellationToken cancellationToken)
    {
        try
        {
            return await slots.ReleaseAsync(input.Provider, input.JobId, input.Slot, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Could not release {Provider} task slot {Slot} of job {JobId}; it lapses with its lease.",
                input.Provider, input.Slot, input.JobId);
            return false;
        }
    }
}
