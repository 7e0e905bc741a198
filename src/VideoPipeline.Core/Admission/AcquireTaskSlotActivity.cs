using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// Takes (or renews) one of the provider's task slots for a job. When every slot is taken it answers how long to wait,
/// growing with the attempt and jittered — randomness is fine here, the result is journaled — so that many waiting jobs
/// do not ask in step. Storage trouble counts as "no slot yet" rather than failing the job.
/// </summary>
public sealed class AcquireTaskSlotActivity(
    TaskSlotStore slots,
    IOptions<AdmissionOptions> options,
    ILogger<AcquireTaskSlotActivity> logger)
    : IPipelineActivity<TaskSlotRequest, TaskSlotGrant>
{
    public async Task<TaskSlotGrant> RunAsync(TaskSlotRequest input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        TaskSlotGrant grant;
        try
        {
            grant = await slots.AcquireAsync(
                input.Provider, input.JobId, input.Capacity, settings.SlotLeaseDuration, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Could not read the {Provider} task slots for job {JobId}; asking again later.",
                input.Provider, input.JobId);
            grant = TaskSlotGrant.Busy(0);
        }

        return grant.IsGranted ? grant : grant with { RetryAfter = RetryDelay(input.Attempt, settings) };
    }

    /// <summary>The interval doubles from <see cref="AdmissionOptions.SlotRetryInterval"/> up to the maximum, ±25 %.</summary>
    internal static TimeSpan RetryDelay(int attempt, AdmissionOptions settings)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 20);
        var interval = TimeSpan.FromTicks(Math.Min(
            settings.MaxSlotRetryInterval.Ticks, settings.SlotRetryInterval.Ticks * (1L << doublings)));
        return interval * (0.75 + Random.Shared.NextDouble() / 2);
    }
}
