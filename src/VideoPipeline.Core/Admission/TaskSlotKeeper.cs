using Microsoft.DurableTask;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// The workflow's side of a provider task slot (<see cref="TaskSlotStore"/>): asks for one before the submit, renews
/// it while the job waits for the provider, and gives it back once the provider is done with the job's task. It runs
/// inside the orchestration, so it only calls activities and reads orchestration time.
/// </summary>
internal sealed class TaskSlotKeeper(TaskOrchestrationContext context, VideoJobInput input)
{
    private TaskSlotGrant? _held;
    private bool _needed;
    private int _attempts;

    /// <summary>The job's admission plan; null when its provider has no concurrent-task limit.</summary>
    public TaskSlotPlan? Plan => input.Plan.TaskSlots;

    /// <summary>Asks once for a slot; when every slot is taken the answer says how long to wait.</summary>
    public async Task<TaskSlotGrant> TryAcquireAsync()
    {
        var grant = await RequestAsync();
        _needed = grant.IsGranted;
        return grant;
    }

    /// <summary>
    /// Renews the slot when a wait until <paramref name="until"/> would pass its renewal time. A job that lost its slot
    /// (its hold lapsed while its host was down and another job took it) takes a free one again as soon as there is
    /// one: its task is running at the provider either way, and should be counted.
    /// </summary>
    public async Task RenewBeforeAsync(DateTime until)
    {
        if (_needed && (_held is not { RenewAfter: { } renewAfter } || until >= renewAfter))
        {
            await RequestAsync();
        }
    }

    /// <summary>Frees the slot: the provider is no longer working on the job's task (or never received it).</summary>
    public async Task ReleaseAsync()
    {
        _needed = false;
        if (_held is { Slot: { } slot })
        {
            _held = null;
            await context.CallActivityAsync<bool>(
                ActivityNames.ReleaseTaskSlot, new TaskSlotRelease(input.Request.Provider, input.JobId, slot));
        }
    }

    /// <summary>
    /// Stops renewing without freeing the slot, when the provider may still be generating the task (the submission's
    /// outcome is unknown, or it cannot cancel): the slot frees itself when its hold lapses, so the provider is never
    /// given more tasks than its limit in the meantime.
    /// </summary>
    public void LetLapse() => _needed = false;

    private async Task<TaskSlotGrant> RequestAsync()
    {
        var grant = await context.CallActivityAsync<TaskSlotGrant>(
            ActivityNames.AcquireTaskSlot,
            new TaskSlotRequest(input.Request.Provider, input.JobId, Plan!.Capacity, ++_attempts));
        _held = grant.IsGranted ? grant : null;
        return grant;
    }
}
