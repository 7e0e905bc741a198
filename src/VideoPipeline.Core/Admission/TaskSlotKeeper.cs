using Microsoft.DurableTask;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// The workflow's side of a provider task slot (<see cref="TaskSlotStore"/>): asks for one in queue order before the
/// submit, takes one handed over by another job's workflow, renews it while the job waits for the provider, and gives
/// it back — telling the job it went to — once the provider is done with the job's task. It runs inside the
/// orchestration, so it only calls activities, waits for events and reads orchestration time.
/// </summary>
internal sealed class TaskSlotKeeper(TaskOrchestrationContext context, VideoJobInput input)
{
    private TaskSlotGrant? _held;
    private bool _needed;
    private bool _engaged;
    private Task<TaskSlotGrant?>? _handover;

    /// <summary>The job's admission plan; null when its provider has no concurrent-task limit.</summary>
    public TaskSlotPlan? Plan => input.Plan.TaskSlots;

    /// <summary>
    /// Asks once for a slot, in the provider's queue at <paramref name="queuedAt"/> (the job keeps that place however
    /// often it asks); when every slot is taken the answer says when to look again if no slot was handed over meanwhile.
    /// </summary>
    public async Task<TaskSlotGrant> TryAdmitAsync(DateTime queuedAt)
    {
        _engaged = true;
        var grant = await RequestAsync(queuedAt);
        _needed = grant.IsGranted;
        return grant;
    }

    /// <summary>
    /// The event by which a releasing job's workflow hands this job a slot. One wait, kept across the rounds of
    /// waiting and replaced only once it has completed: a cancelled wait would still consume the next event on the
    /// isolated worker.
    /// </summary>
    public Task<TaskSlotGrant?> WaitForHandover() =>
        _handover is { IsCompleted: false } pending
            ? pending
            : _handover = context.WaitForExternalEvent<TaskSlotGrant?>(EventNames.TaskSlotGranted);

    /// <summary>
    /// Takes a slot handed over by event; false when the hold may have lapsed meanwhile (the event waited more than
    /// half a lease, e.g. while this job's host was down), and the job should ask the store instead.
    /// </summary>
    public bool TryAccept(TaskSlotGrant? grant)
    {
        if (grant is not { IsGranted: true, RenewAfter: { } renewAfter } || context.CurrentUtcDateTime >= renewAfter)
        {
            return false;
        }

        _held = grant;
        _needed = true;
        return true;
    }

    /// <summary>
    /// Starts a wait until <paramref name="until"/> while the job holds its slot, and returns when that wait must end:
    /// <paramref name="until"/>, or the slot's next renewal time when that comes first — a wait longer than half a hold
    /// (a callback-mode safety net, a provider's long <c>Retry-After</c>) would let the hold lapse while the provider
    /// still counts the task. Renews the slot first when the wait would pass its renewal time. A job that lost its slot
    /// (its hold lapsed while its host was down and another job took it) takes a free one again as soon as there is
    /// one, without queueing: its task is running at the provider either way, and should be counted.
    /// </summary>
    public async Task<DateTime> BeginWaitAsync(DateTime until)
    {
        if (!_needed)
        {
            return until;
        }

        if (_held is not { RenewAfter: { } due } || until >= due)
        {
            await RequestAsync(queuedAt: null);
        }

        return _held is { RenewAfter: { } renewAfter } && renewAfter < until ? renewAfter : until;
    }

    /// <summary>
    /// Gives the slot back — the provider is no longer working on the job's task, or never received it — or takes a
    /// job that never got one out of the queue; each slot handed to a waiting job is announced to that job's workflow.
    /// </summary>
    public async Task ReleaseAsync()
    {
        if (!_engaged)
        {
            return;
        }

        _engaged = false;
        _needed = false;
        _held = null;
        var handovers = await context.CallActivityAsync<IReadOnlyList<TaskSlotHandover>>(
            ActivityNames.ReleaseTaskSlot, new TaskSlotRelease(input.Request.Provider, input.JobId));
        foreach (var handover in handovers)
        {
            context.SendEvent(handover.JobId, EventNames.TaskSlotGranted, handover.Grant);
        }
    }

    /// <summary>
    /// Stops renewing without freeing the slot, when the provider may still be generating the task (the submission's
    /// outcome is unknown, or it cannot cancel): the slot frees itself when its hold lapses, so the provider is never
    /// given more tasks than its limit in the meantime.
    /// </summary>
    public void LetLapse() => _needed = false;

    private async Task<TaskSlotGrant> RequestAsync(DateTime? queuedAt)
    {
        var grant = await context.CallActivityAsync<TaskSlotGrant>(
            ActivityNames.AcquireTaskSlot,
            new TaskSlotRequest(input.Request.Provider, input.JobId, Plan!.Capacity, queuedAt));
        _held = grant.IsGranted ? grant : null;
        return grant;
    }
}
