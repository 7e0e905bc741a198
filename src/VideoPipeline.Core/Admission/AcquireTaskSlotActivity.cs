using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// Admits a waiting job to one of the provider's task slots in queue order, or renews the slot of a job running at the
/// provider (<see cref="TaskSlotRequest.QueuedAt"/> tells which). A job that gets no slot is told when to look again by
/// itself — normally a freed slot is handed to it before then — jittered so that waiting jobs do not look in step
/// (randomness is fine here: the result is recorded in the orchestration history). Storage trouble counts as "no slot
/// yet" rather than failing the job.
/// </summary>
public sealed class AcquireTaskSlotActivity(
    TaskSlotStore slots,
    IOptions<AdmissionOptions> options,
    ILogger<AcquireTaskSlotActivity> logger)
    : IPipelineActivity<TaskSlotRequest, TaskSlotGrant>
{
    // A hold's lapse is only seen once it has passed: look just after it.
    private static readonly TimeSpan AfterLapse = TimeSpan.FromSeconds(1);

    public async Task<TaskSlotGrant> RunAsync(TaskSlotRequest input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        TaskSlotGrant grant;
        try
        {
            grant = input.QueuedAt is { } queuedAt
                ? await slots.AdmitAsync(input.Provider, input.JobId, input.Capacity,
                    new DateTimeOffset(DateTime.SpecifyKind(queuedAt, DateTimeKind.Utc)), settings.SlotLeaseDuration, cancellationToken)
                : await slots.RenewAsync(input.Provider, input.JobId, input.Capacity, settings.SlotLeaseDuration, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Could not read the {Provider} task slots for job {JobId}; asking again later.",
                input.Provider, input.JobId);
            grant = TaskSlotGrant.Busy(0);
        }

        return grant.IsGranted ? grant : grant with { RetryAfter = RecheckDelay(grant.RetryAfter, settings) };
    }

    /// <summary>
    /// <see cref="AdmissionOptions.SlotRecheckInterval"/> ±25 %, or sooner when the store says a hold lapses (or a
    /// handover is under way) before then.
    /// </summary>
    internal static TimeSpan RecheckDelay(TimeSpan? storeHint, AdmissionOptions settings)
    {
        var recheck = settings.SlotRecheckInterval * (0.75 + Random.Shared.NextDouble() / 2);
        return storeHint is { } hint && hint + AfterLapse < recheck ? hint + AfterLapse : recheck;
    }
}
