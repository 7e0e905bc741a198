namespace VideoPipeline.Emulator.Tasks;

/// <summary>What a task looks like at one instant.</summary>
internal readonly record struct TaskSnapshot(TaskPhase Phase, int Progress, TimeSpan Remaining)
{
    public bool IsTerminal => Phase is TaskPhase.Completed or TaskPhase.Failed;
}
