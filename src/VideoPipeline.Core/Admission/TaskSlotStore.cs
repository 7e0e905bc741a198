using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Admission;

/// <summary>
/// A provider's concurrent-task slots as a durable semaphore in Blob Storage, with a first-come-first-served queue of
/// the jobs waiting for one: slot blobs (<see cref="TaskSlotBlobs"/>) and waiting-job entries
/// (<see cref="SlotWaitingList"/>) in the state container. Every change is conditional on the ETag just read, so two
/// processes never take the same slot, nor hand the same waiting job a slot twice. A job that frees a slot hands it
/// straight to the oldest waiting job and says so, so that its workflow can tell that job at once. A hold is extended by
/// asking again and lapses by itself when its holder stops renewing it (the job was terminated, or its host is gone),
/// so a slot is never lost for longer than one lease; a waiting job's place lapses the same way. No blob lease is
/// involved: a workflow cannot keep one open, and a hold has to survive the process that took it.
/// </summary>
public sealed partial class TaskSlotStore(PipelineStateContainer state, TimeProvider time, ILogger<TaskSlotStore> logger)
{
    // Each round re-reads the store after losing a race; past this, the caller asks again later.
    private const int MaxRounds = 5;

    // Lapsed places in the queue removed per release, so that the queue of a busy provider stays short.
    private const int LapsedRemovedPerRelease = 4;

    // How soon a job taken out of the queue without (yet) holding a slot looks again: its handover is under way and
    // normally arrives first, unless the job handing it over died in between.
    private static readonly TimeSpan HandoverGrace = TimeSpan.FromSeconds(2);

    private readonly TaskSlotBlobs _slots = new(state.Client);
    private readonly SlotWaitingList _waiting = new(state.Client);

    /// <summary>
    /// Admits a job that is not running at the provider yet, in queue order: it gets its slot back if it holds one (it
    /// was handed one, or an earlier run of the same request took one); else a free slot among the first
    /// <paramref name="capacity"/>, unless jobs that queued before it are still waiting for them; else it joins (or
    /// stays in) the queue — behind every job that queued before <paramref name="queuedAt"/> — and gets none.
    /// </summary>
    public async Task<TaskSlotGrant> AdmitAsync(
        ProviderName provider, string jobId, int capacity, DateTimeOffset queuedAt, TimeSpan leaseDuration,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        await state.EnsureCreatedAsync(cancellationToken);
        var place = SlotWaitingList.NameOf(provider, jobId, queuedAt);
        var joined = false;
        var busy = TaskSlotGrant.Busy(0);
        for (var round = 0; round < MaxRounds; round++)
        {
            var (slots, waiters) = await ReadAsync(provider, cancellationToken);
            var now = time.GetUtcNow();
            var inUse = InUse(slots, now);
            var entry = waiters.FirstOrDefault(w => w.Name == place);
            if (slots.FirstOrDefault(s => s.Holder == jobId) is { } own)
            {
                if (await _slots.TryHoldAsync(provider, own, jobId, now + leaseDuration, null, cancellationToken) is null)
                {
                    continue;
                }

                await LeaveAsync(entry, cancellationToken);
                return Granted(own.Number, now, leaseDuration, own.IsTakenAt(now) ? inUse : inUse + 1);
            }

            var ahead = waiters.Count(w => string.CompareOrdinal(w.Name, place) < 0 && IsWaiting(w, slots, now));
            var free = FreeSlots(slots, capacity, now);
            if (free.Count > ahead)
            {
                if (await TryTakeAnyAsync(provider, jobId, free, now + leaseDuration, cancellationToken) is { } taken)
                {
                    await LeaveAsync(entry, cancellationToken);
                    return Granted(taken.Number, now, leaseDuration, inUse + 1);
                }

                continue;
            }

            // The first waiting jobs also look again when a hold lapses: its holder may have died.
            busy = TaskSlotGrant.Busy(inUse, ahead < capacity ? NextLapse(slots, now) : null);
            if (joined)
            {
                return busy;
            }

            var wasWaiting = entry is not null && entry.IsLiveAt(now);
            if (!await _waiting.TryJoinAsync(provider, jobId, queuedAt, now + leaseDuration, entry, cancellationToken))
            {
                // Its entry changed since it was read: a releasing job took it out of the queue to hand it a slot.
                return busy with { RetryAfter = HandoverGrace };
            }

            if (wasWaiting)
            {
                return busy;
            }

            // Newly in the queue: a job that freed a slot before seeing this entry freed it before this job looked,
            // so one more look finds it.
            joined = true;
        }

        return busy;
    }

    /// <summary>
    /// Renews the slot of a job already running at the provider; if its hold lapsed and another job took the slot, it
    /// takes any free one without queueing (its task runs either way, and should be counted), else none.
    /// </summary>
    public async Task<TaskSlotGrant> RenewAsync(
        ProviderName provider, string jobId, int capacity, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        await state.EnsureCreatedAsync(cancellationToken);
        var inUse = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var slots = await _slots.ListAsync(provider, cancellationToken);
            var now = time.GetUtcNow();
            inUse = InUse(slots, now);
            if (slots.FirstOrDefault(s => s.Holder == jobId) is { } own)
            {
                if (await _slots.TryHoldAsync(provider, own, jobId, now + leaseDuration, null, cancellationToken) is not null)
                {
                    return Granted(own.Number, now, leaseDuration, own.IsTakenAt(now) ? inUse : inUse + 1);
                }

                continue;
            }

            var free = FreeSlots(slots, capacity, now);
            if (free.Count == 0)
            {
                return TaskSlotGrant.Busy(inUse);
            }

            if (await TryTakeAnyAsync(provider, jobId, free, now + leaseDuration, cancellationToken) is { } taken)
            {
                return Granted(taken.Number, now, leaseDuration, inUse + 1);
            }
        }

        return TaskSlotGrant.Busy(inUse);
    }

    /// <summary>
    /// Takes the job out of the queue and gives back every slot it holds, each straight to the oldest waiting job
    /// (taken out of the queue in the same step) or, when nobody waits, freed. Safe to repeat: a slot this job handed
    /// over earlier is reported again, so a workflow that lost the first answer still tells its new holder.
    /// </summary>
    /// <returns>The slots handed to waiting jobs; their workflows have to be told.</returns>
    public async Task<IReadOnlyList<TaskSlotHandover>> ReleaseAsync(
        ProviderName provider, string jobId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var handovers = new Dictionary<int, TaskSlotHandover>();
        for (var round = 0; round < MaxRounds; round++)
        {
            var (slots, waiters) = await ReadAsync(provider, cancellationToken);
            var now = time.GetUtcNow();
            foreach (var given in slots.Where(s => s.GrantedBy == jobId && s.Holder is not null && s.Holder != jobId && s.IsTakenAt(now)))
            {
                handovers.TryAdd(given.Number, new TaskSlotHandover(
                    given.Holder!, GrantedUntil(given.Number, given.ExpiresAt!.Value, leaseDuration, InUse(slots, now))));
            }

            foreach (var gone in waiters.Where(w => w.JobId == jobId))
            {
                await _waiting.RemoveAsync(gone, cancellationToken);
            }

            foreach (var lapsed in waiters.Where(w => w.JobId != jobId && !w.IsLiveAt(now)).Take(LapsedRemovedPerRelease))
            {
                await _waiting.TryTakeAsync(lapsed, cancellationToken);
            }

            var next = new Queue<SlotWaiter>(waiters.Where(w => w.JobId != jobId && IsWaiting(w, slots, now)));
            var settled = true;
            foreach (var held in slots.Where(s => s.Holder == jobId))
            {
                settled &= await PassOnAsync(provider, held, jobId, next, slots, handovers, leaseDuration, cancellationToken);
            }

            if (settled)
            {
                return handovers.Values.ToList();
            }
        }

        return handovers.Values.ToList();
    }

    /// <summary>Every slot blob of the provider, in slot order (slots never used have no blob).</summary>
    public Task<IReadOnlyList<TaskSlot>> ListAsync(ProviderName provider, CancellationToken cancellationToken) =>
        _slots.ListAsync(provider, cancellationToken);

    /// <summary>The provider's queue of waiting jobs, oldest first (lapsed places included).</summary>
    public Task<IReadOnlyList<SlotWaiter>> ListWaitingAsync(ProviderName provider, CancellationToken cancellationToken) =>
        _waiting.ListAsync(provider, cancellationToken);

    /// <summary>
    /// Hands <paramref name="slot"/> to the first job of <paramref name="next"/> that can still be taken out of the
    /// queue, or frees it when there is none. False when the slot changed since it was read.
    /// </summary>
    private async Task<bool> PassOnAsync(
        ProviderName provider, TaskSlot slot, string jobId, Queue<SlotWaiter> next, IReadOnlyList<TaskSlot> slots,
        Dictionary<int, TaskSlotHandover> handovers, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        switch (await TryHandOverAsync(provider, slot, jobId, next, slots, handovers, leaseDuration, cancellationToken))
        {
            case HandoverOutcome.HandedOver:
                return true;
            case HandoverOutcome.SlotChanged:
                return false;
        }

        if (await _slots.TryFreeAsync(provider, slot, cancellationToken) is not { } freed)
        {
            return false;
        }

        // A job joining the queue looks at the slots only after joining, and may have seen this one still taken; it
        // would then wait for its next re-check. Looking at the queue after freeing the slot finds such a job.
        var now = time.GetUtcNow();
        var latecomers = (await _waiting.ListAsync(provider, cancellationToken))
            .Where(w => w.JobId != jobId && IsWaiting(w, slots, now) && handovers.Values.All(h => h.JobId != w.JobId));
        await TryHandOverAsync(provider, freed, jobId, new Queue<SlotWaiter>(latecomers), slots, handovers, leaseDuration, cancellationToken);
        return true;
    }

    private async Task<HandoverOutcome> TryHandOverAsync(
        ProviderName provider, TaskSlot slot, string jobId, Queue<SlotWaiter> next, IReadOnlyList<TaskSlot> slots,
        Dictionary<int, TaskSlotHandover> handovers, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        while (next.TryDequeue(out var waiter))
        {
            // Another releasing job took this one out of the queue first (or it just renewed its place): the next one.
            if (!await _waiting.TryTakeAsync(waiter, cancellationToken))
            {
                continue;
            }

            var now = time.GetUtcNow();
            if (await _slots.TryHoldAsync(provider, slot, waiter.JobId, now + leaseDuration, jobId, cancellationToken) is null)
            {
                // The slot changed since it was read (its hold lapsed and another job took it over): the waiting job
                // keeps its place.
                await _waiting.TryJoinAsync(provider, waiter.JobId, waiter.QueuedAt, waiter.ExpiresAt, null, cancellationToken);
                return HandoverOutcome.SlotChanged;
            }

            handovers[slot.Number] = new TaskSlotHandover(
                waiter.JobId, Granted(slot.Number, now, leaseDuration, Math.Max(1, InUse(slots, now))));
            LogHandedOver(provider, slot.Number, jobId, waiter.JobId, now - waiter.QueuedAt);
            return HandoverOutcome.HandedOver;
        }

        return HandoverOutcome.NobodyWaiting;
    }

    private async Task<(IReadOnlyList<TaskSlot> Slots, IReadOnlyList<SlotWaiter> Waiters)> ReadAsync(
        ProviderName provider, CancellationToken cancellationToken)
    {
        var slots = _slots.ListAsync(provider, cancellationToken);
        var waiters = _waiting.ListAsync(provider, cancellationToken);
        await Task.WhenAll(slots, waiters);
        return (await slots, await waiters);
    }

    private async Task<TaskSlot?> TryTakeAnyAsync(
        ProviderName provider, string jobId, List<TaskSlot> free, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // Start at a random free slot, so that jobs asking at the same moment spread out instead of all racing for the
        // first one.
        var first = Random.Shared.Next(free.Count);
        for (var i = 0; i < free.Count; i++)
        {
            var slot = free[(first + i) % free.Count];
            if (await _slots.TryHoldAsync(provider, slot, jobId, expiresAt, null, cancellationToken) is not null)
            {
                if (slot.Holder is { } previous && previous != jobId)
                {
                    LogReclaimed(provider, slot.Number, previous, jobId);
                }

                return slot;
            }
        }

        return null;
    }

    private async Task LeaveAsync(SlotWaiter? entry, CancellationToken cancellationToken)
    {
        if (entry is not null)
        {
            await _waiting.RemoveAsync(entry, cancellationToken);
        }
    }

    private static List<TaskSlot> FreeSlots(IReadOnlyList<TaskSlot> slots, int capacity, DateTimeOffset now) =>
        Enumerable.Range(0, capacity)
            .Select(n => slots.FirstOrDefault(s => s.Number == n) ?? new TaskSlot(n, null, null))
            .Where(s => !s.IsTakenAt(now))
            .ToList();

    /// <summary>Still waiting: its place has not lapsed, and it holds no slot (one handed over while it asked again).</summary>
    private static bool IsWaiting(SlotWaiter waiter, IReadOnlyList<TaskSlot> slots, DateTimeOffset now) =>
        waiter.IsLiveAt(now) && !slots.Any(s => s.Holder == waiter.JobId && s.IsTakenAt(now));

    private static int InUse(IReadOnlyList<TaskSlot> slots, DateTimeOffset now) => slots.Count(s => s.IsTakenAt(now));

    /// <summary>How long until the first hold lapses; null when no slot is taken.</summary>
    private static TimeSpan? NextLapse(IReadOnlyList<TaskSlot> slots, DateTimeOffset now)
    {
        var lapses = slots.Where(s => s.IsTakenAt(now)).Select(s => s.ExpiresAt!.Value - now).ToList();
        return lapses.Count == 0 ? null : lapses.Min();
    }

    private static TaskSlotGrant Granted(int slot, DateTimeOffset now, TimeSpan leaseDuration, int inUse) =>
        GrantedUntil(slot, now + leaseDuration, leaseDuration, inUse);

    private static TaskSlotGrant GrantedUntil(int slot, DateTimeOffset expiresAt, TimeSpan leaseDuration, int inUse) =>
        new(slot, (expiresAt - leaseDuration / 2).UtcDateTime, null, inUse);

    private enum HandoverOutcome
    {
        HandedOver,
        NobodyWaiting,
        SlotChanged,
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Job {From} handed {Provider} task slot {Slot} to job {To}, the oldest waiting (queued {Waited}).")]
    private partial void LogHandedOver(ProviderName provider, int slot, string from, string to, TimeSpan waited);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Took {Provider} task slot {Slot} over from job {Previous}, whose hold had lapsed, for job {JobId}.")]
    private partial void LogReclaimed(ProviderName provider, int slot, string previous, string jobId);
}
