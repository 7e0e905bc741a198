using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// Gives a job's task slots back — each straight to the oldest waiting job — and takes the job out of the queue.
/// Answers the handovers, which the workflow announces to their new holders. Safe to run twice (a repeated run reports
/// the same handovers); when storage fails the slot is left to lapse at the end of its lease rather than failing the job.
/// </summary>
public sealed class ReleaseTaskSlotActivity(
    TaskSlotStore slots,
    IOptions<AdmissionOptions> options,
    ILogger<ReleaseTaskSlotActivity> logger)
    : IPipelineActivity<TaskSlotRelease, IReadOnlyList<TaskSlotHandover>>
{
    public async Task<IReadOnlyList<TaskSlotHandover>> RunAsync(TaskSlotRelease input, CancellationToken cancellationToken)
    {
        try
        {
            return await slots.ReleaseAsync(input.Provider, input.JobId, options.Value.SlotLeaseDuration, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Could not release the {Provider} task slot of job {JobId}; it lapses with its lease.",
                input.Provider, input.JobId);
            return [];
        }
    }
}
