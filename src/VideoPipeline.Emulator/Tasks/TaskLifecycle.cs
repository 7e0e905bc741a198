namespace VideoPipeline.Emulator.Tasks;

/// <summary>
/// Derives a task's state from its creation time and the clock instead of mutating it with timers, so every
/// endpoint sees the same state at the same instant and the math can be tested with a manual clock.
/// </summary>
internal static class TaskLifecycle
{
    /// <summary>Share of the generation time a task spends queued before it starts processing.</summary>
    private const double PendingShare = 0.1;

    public static TaskSnapshot Snapshot(EmulatedTask task, DateTimeOffset now)
    {
        var elapsed = now - task.CreatedAt;
        var total = task.GenerationTime;
        if (elapsed >= total)
        {
            return new TaskSnapshot(task.FailCode is null ? TaskPhase.Completed : TaskPhase.Failed, 100, TimeSpan.Zero);
        }

        var remaining = total - elapsed;
        var pending = total * PendingShare;
        if (elapsed < pending)
        {
            return new TaskSnapshot(TaskPhase.Pending, 0, remaining);
        }

        // Processing reports 1..99 so that 100 always means done, as the providers do.
        var share = (elapsed - pending) / (total - pending);
        var progress = Math.Clamp(1 + (int)(share * 98), 1, 99);
        return new TaskSnapshot(TaskPhase.Processing, progress, remaining);
    }
}
