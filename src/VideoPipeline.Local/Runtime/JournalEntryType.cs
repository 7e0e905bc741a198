namespace VideoPipeline.Local.Runtime;

/// <summary>What a journal line records. Scheduled actions and completions are matched by sequence number on replay.</summary>
internal enum JournalEntryType
{
    /// <summary>First line: orchestrator name and input, written once by the client (create-only).</summary>
    ExecutionStarted,

    /// <summary>An owner first ran the orchestrator; its time is the orchestrator's first <c>CurrentUtcDateTime</c>.</summary>
    OrchestratorStarted,

    ActivityScheduled,
    ActivityCompleted,
    ActivityFailed,
    TimerCreated,
    TimerFired,
    EventWaitStarted,
    EventRaised,
    CustomStatusSet,
    ExecutionCompleted,
    ExecutionFailed,
    ExecutionTerminated,
}
