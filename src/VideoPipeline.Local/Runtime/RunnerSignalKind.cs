namespace VideoPipeline.Local.Runtime;

internal enum RunnerSignalKind
{
    ActivityCompleted,
    TimerDue,
    InboxChanged,

    /// <summary>The journal was changed by someone else (a terminate): load it again.</summary>
    Reload,

    /// <summary>The orchestrator broke the determinism rules in a way only the scheduler can see.</summary>
    Violation,
}
