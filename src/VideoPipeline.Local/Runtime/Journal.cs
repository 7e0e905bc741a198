using Azure;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// An instance's journal as read from (or last written to) Blob Storage, with the instance state folded from it.
/// The ETag guards the next append: a journal changed by anyone else in between is never overwritten.
/// </summary>
internal sealed class Journal
{
    private readonly List<JournalEntry> _entries = [];
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);

    public Journal(string instanceId, IEnumerable<JournalEntry> entries, ETag etag, DateTimeOffset lastModified)
    {
        InstanceId = instanceId;
        Append(entries, etag, lastModified);
        if (_entries.Count == 0 || _entries[0].Type != JournalEntryType.ExecutionStarted)
        {
            throw new InvalidDataException($"The journal of instance '{instanceId}' does not start with ExecutionStarted.");
        }
    }

    public string InstanceId { get; }

    public IReadOnlyList<JournalEntry> Entries => _entries;

    public ETag ETag { get; private set; }

    public DateTimeOffset LastModified { get; private set; }

    public string Name => _entries[0].Name!;

    public string InputJson => _entries[0].Data!;

    public DateTimeOffset CreatedAt => new(DateTime.SpecifyKind(_entries[0].At, DateTimeKind.Utc));

    public OrchestrationRuntimeStatus Status { get; private set; } = OrchestrationRuntimeStatus.Pending;

    public string? OutputJson { get; private set; }

    public string? FailureMessage { get; private set; }

    public string? CustomStatusJson { get; private set; }

    /// <summary>Ids of the inbox items already journaled, so a redelivered item is recognised and dropped.</summary>
    public IReadOnlySet<string> EventIds => _eventIds;

    /// <summary>Latest time journaled, so the next line's time (and the orchestrator's clock) never goes backwards.</summary>
    public DateTime LastAt { get; private set; }

    public bool IsFinished => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
        or OrchestrationRuntimeStatus.Terminated;

    public void Append(IEnumerable<JournalEntry> entries, ETag etag, DateTimeOffset lastModified)
    {
        foreach (var entry in entries)
        {
            _entries.Add(entry);
            LastAt = entry.At > LastAt ? entry.At : LastAt;
            Fold(entry);
        }

        ETag = etag;
        LastModified = lastModified;
    }

    public OrchestrationInstance ToInstance(bool includeData) => new(
        InstanceId,
        Name,
        Status,
        CreatedAt,
        LastModified,
        includeData ? InputJson : null,
        includeData ? OutputJson : null,
        includeData ? CustomStatusJson : null,
        FailureMessage);

    private void Fold(JournalEntry entry)
    {
        if (entry.Type == JournalEntryType.EventRaised)
        {
            _eventIds.Add(entry.EventId!);
        }

        // The first terminal line is final: nothing journaled after it (by a writer that had not seen it) counts.
        if (IsFinished)
        {
            return;
        }

        switch (entry.Type)
        {
            case JournalEntryType.OrchestratorStarted:
                Status = OrchestrationRuntimeStatus.Running;
                break;
            case JournalEntryType.CustomStatusSet:
                CustomStatusJson = entry.Data;
                break;
            case JournalEntryType.ExecutionCompleted:
                Status = OrchestrationRuntimeStatus.Completed;
                OutputJson = entry.Data;
                break;
            case JournalEntryType.ExecutionFailed:
                Status = OrchestrationRuntimeStatus.Failed;
                FailureMessage = entry.FailureMessage;
                break;
            case JournalEntryType.ExecutionTerminated:
                Status = OrchestrationRuntimeStatus.Terminated;
                OutputJson = entry.Data;
                break;
        }
    }
}
