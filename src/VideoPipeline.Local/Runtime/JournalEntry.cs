using System.Text.Json.Serialization;

namespace VideoPipeline.Local.Runtime;

/// <summary>One line of an instance's journal (newline-delimited JSON in an append blob).</summary>
internal sealed record JournalEntry
{
    public required JournalEntryType Type { get; init; }

    /// <summary>When the line was journaled; completions set the orchestrator's <c>CurrentUtcDateTime</c> on replay.</summary>
    public required DateTime At { get; init; }

    /// <summary>Position of the action in the orchestrator's program order (scheduled actions and their completions).</summary>
    public int? Sequence { get; init; }

    /// <summary>Orchestrator, activity or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Serialized JSON: the input, result, event payload, output or custom status the line carries.</summary>
    public string? Data { get; init; }

    public DateTime? FireAt { get; init; }

    public string? EventId { get; init; }

    public string? FailureType { get; init; }

    public string? FailureMessage { get; init; }

    [JsonIgnore]
    public bool IsScheduledAction => Type is JournalEntryType.ActivityScheduled or JournalEntryType.TimerCreated
        or JournalEntryType.EventWaitStarted;

    [JsonIgnore]
    public bool IsCompletion => Type is JournalEntryType.ActivityCompleted or JournalEntryType.ActivityFailed
        or JournalEntryType.TimerFired or JournalEntryType.EventRaised;

    /// <summary>How a non-determinism message names a scheduled action.</summary>
    public string Describe() => Type switch
    {
        JournalEntryType.ActivityScheduled => $"activity '{Name}'",
        JournalEntryType.TimerCreated => $"timer firing at {FireAt:O}",
        JournalEntryType.EventWaitStarted => $"wait for event '{Name}'",
        _ => Type.ToString(),
    };

    public static JournalEntry ExecutionStarted(string name, string inputJson, DateTime at) =>
        new() { Type = JournalEntryType.ExecutionStarted, At = at, Name = name, Data = inputJson };

    public static JournalEntry OrchestratorStarted(DateTime at) =>
        new() { Type = JournalEntryType.OrchestratorStarted, At = at };

    public static JournalEntry ActivityScheduled(string name, string inputJson, DateTime at) =>
        new() { Type = JournalEntryType.ActivityScheduled, At = at, Name = name, Data = inputJson };

    public static JournalEntry ActivityCompleted(int sequence, string resultJson, DateTime at) =>
        new() { Type = JournalEntryType.ActivityCompleted, At = at, Sequence = sequence, Data = resultJson };

    public static JournalEntry ActivityFailed(int sequence, string failureType, string failureMessage, DateTime at) =>
        new()
        {
            Type = JournalEntryType.ActivityFailed, At = at, Sequence = sequence, FailureType = failureType,
            FailureMessage = failureMessage,
        };

    public static JournalEntry TimerCreated(DateTime fireAt, DateTime at) =>
        new() { Type = JournalEntryType.TimerCreated, At = at, FireAt = fireAt };

    public static JournalEntry TimerFired(int sequence, DateTime at) =>
        new() { Type = JournalEntryType.TimerFired, At = at, Sequence = sequence };

    public static JournalEntry EventWaitStarted(string name, DateTime at) =>
        new() { Type = JournalEntryType.EventWaitStarted, At = at, Name = name };

    public static JournalEntry EventRaised(string eventId, string name, string? payloadJson, DateTime at) =>
        new() { Type = JournalEntryType.EventRaised, At = at, EventId = eventId, Name = name, Data = payloadJson };

    public static JournalEntry CustomStatusSet(string? customStatusJson, DateTime at) =>
        new() { Type = JournalEntryType.CustomStatusSet, At = at, Data = customStatusJson };

    public static JournalEntry ExecutionCompleted(string outputJson, DateTime at) =>
        new() { Type = JournalEntryType.ExecutionCompleted, At = at, Data = outputJson };

    public static JournalEntry ExecutionFailed(string failureMessage, DateTime at) =>
        new() { Type = JournalEntryType.ExecutionFailed, At = at, FailureMessage = failureMessage };

    public static JournalEntry ExecutionTerminated(string? outputJson, DateTime at) =>
        new() { Type = JournalEntryType.ExecutionTerminated, At = at, Data = outputJson };
}
