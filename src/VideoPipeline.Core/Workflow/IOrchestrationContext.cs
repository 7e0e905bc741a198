namespace VideoPipeline.Core.Workflow;

/// <summary>
/// The orchestration port. Members mirror Durable Task's <c>TaskOrchestrationContext</c> so the Functions adapter is
/// one line per member; the local durable runtime implements the same semantics (journal and replay).
/// Code using it must be deterministic: time only from <see cref="CurrentUtcDateTime"/>, I/O only in activities.
/// </summary>
public interface IOrchestrationContext
{
    string InstanceId { get; }

    DateTime CurrentUtcDateTime { get; }

    bool IsReplaying { get; }

    /// <summary>Runs an activity by name. Activities report expected failures in their result, not by throwing.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null);

    /// <summary>A durable timer; survives restarts (the fire time is absolute).</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an external event; events raised before the wait are buffered and delivered in order.</summary>
    Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Publishes the job's progress and phase (keep it under 16 KB).</summary>
    void SetCustomStatus(object? customStatus);
}
