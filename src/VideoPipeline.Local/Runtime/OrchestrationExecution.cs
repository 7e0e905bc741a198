using System.Text;
using System.Text.Json;
using VideoPipeline.Core;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// One in-memory run of an orchestrator over its journal: the <see cref="IOrchestrationContext"/> the orchestrator sees.
/// <see cref="Replay"/> re-runs it from the start, feeding journaled completions in journal order and checking each
/// action it schedules against the action journaled at the same position; afterwards <see cref="Apply"/> feeds live
/// completions (already journaled by the caller). Actions get sequence numbers in program order, as in Durable Task.
/// Not thread-safe: one caller drives it.
/// </summary>
internal sealed class OrchestrationExecution : IOrchestrationContext
{
    private const int MaxCustomStatusBytes = 16 * 1024;

    private readonly OrchestratorRegistration _orchestrator;
    private readonly string _inputJson;
    private readonly DeterministicSynchronizationContext _scheduler;
    private readonly Dictionary<int, JournalEntry> _journaledActions = [];
    private readonly List<OrchestrationAction> _actions = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<JournalEntry> _newActions = [];
    private Task<string>? _run;
    private bool _replaying;
    private int _unappliedJournalEntries;

    public OrchestrationExecution(
        string instanceId, OrchestratorRegistration orchestrator, string inputJson, Action<string> onViolation)
    {
        InstanceId = instanceId;
        _orchestrator = orchestrator;
        _inputJson = inputJson;
        _scheduler = new DeterministicSynchronizationContext(onViolation);
    }

    public string InstanceId { get; }

    public DateTime CurrentUtcDateTime { get; private set; }

    /// <summary>True until the orchestrator has passed every journaled completion and journaled action.</summary>
    public bool IsReplaying =>
        _replaying && (_unappliedJournalEntries > 0 || _actions.Count < _journaledActions.Count);

    public string? CustomStatusJson { get; private set; }

    /// <summary>Set when the orchestrator diverged from its journal; the instance must fail with this message.</summary>
    public string? NonDeterminism { get; private set; }

    public bool IsFinished => _run is { IsCompleted: true };

    public IEnumerable<JournalEntry> PendingActivities => Pending(JournalEntryType.ActivityScheduled);

    public IEnumerable<JournalEntry> PendingTimers => Pending(JournalEntryType.TimerCreated);

    /// <summary>Re-runs the orchestrator over a loaded journal; completions after it are live.</summary>
    public void Replay(IReadOnlyList<JournalEntry> entries)
    {
        foreach (var entry in entries.Where(e => e.IsScheduledAction))
        {
            _journaledActions[entry.Sequence!.Value] = entry;
        }

        _unappliedJournalEntries = entries.Count(e => e.IsCompletion || e.Type == JournalEntryType.OrchestratorStarted);
        _replaying = true;
        foreach (var entry in entries)
        {
            if (NonDeterminism is not null)
            {
                break;
            }

            if (entry.Type == JournalEntryType.OrchestratorStarted)
            {
                _unappliedJournalEntries--;
                Start(entry.At);
            }
            else if (entry.IsCompletion)
            {
                _unappliedJournalEntries--;
                Apply(entry);
            }
        }

        _replaying = false;
        if (NonDeterminism is null && _actions.Count < _journaledActions.Count)
        {
            var missing = _journaledActions[_actions.Count];
            Diverge($"the journal records {missing.Describe()} at position {missing.Sequence}, but the orchestrator " +
                    "no longer schedules anything there");
        }
    }

    public void Start(DateTime at)
    {
        CurrentUtcDateTime = at;
        _scheduler.Run(() => _run = _orchestrator.InvokeAsync(this, _inputJson));
    }

    /// <summary>Feeds one journaled completion and runs the orchestrator until it waits again.</summary>
    public void Apply(JournalEntry completion)
    {
        if (completion.At > CurrentUtcDateTime)
        {
            CurrentUtcDateTime = completion.At;
        }

        _scheduler.Run(() => Deliver(completion));
    }

    /// <summary>Actions scheduled since the last call that the journal does not hold yet.</summary>
    public IReadOnlyList<JournalEntry> TakeNewActions()
    {
        var taken = _newActions.ToArray();
        _newActions.Clear();
        return taken;
    }

    public bool IsPending(int sequence, JournalEntryType scheduledType) =>
        sequence < _actions.Count && _actions[sequence] is { IsDone: false } action
        && action.Scheduled.Type == scheduledType;

    /// <summary>The terminal line for a finished orchestrator (or one that diverged).</summary>
    public JournalEntry? Outcome(DateTime at)
    {
        if (NonDeterminism is not null)
        {
            return JournalEntry.ExecutionFailed(NonDeterminism, at);
        }

        if (_run is not { IsCompleted: true } run)
        {
            return null;
        }

        try
        {
            return JournalEntry.ExecutionCompleted(run.GetAwaiter().GetResult(), at);
        }
        catch (Exception e)
        {
            return JournalEntry.ExecutionFailed($"{e.GetType().Name}: {e.Message}", at);
        }
    }

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var completion = new TaskCompletionSource<TResult>();
        var inputJson = JsonSerializer.Serialize(input, PipelineJson.Options);
        Schedule(JournalEntry.ActivityScheduled(name, inputJson, CurrentUtcDateTime), entry =>
        {
            if (entry.Type == JournalEntryType.ActivityFailed)
            {
                completion.TrySetException(new ActivityFailedException(name, entry.FailureType!, entry.FailureMessage!));
            }
            else
            {
                SetDeserialized(completion, entry.Data);
            }
        });
        return completion.Task;
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource();
        var fireAtUtc = fireAt.Kind == DateTimeKind.Local
            ? fireAt.ToUniversalTime()
            : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var action = Schedule(
            JournalEntry.TimerCreated(fireAtUtc, CurrentUtcDateTime), _ => completion.TrySetResult());
        if (action is not null && cancellationToken.CanBeCanceled)
        {
            // A cancelled timer is simply no longer pending: nothing is journaled, and replay cancels it at the same
            // point because the orchestrator cancels it there again.
            action.Cancellation = cancellationToken.Register(() =>
            {
                if (action.MarkDone())
                {
                    completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        return completion.Task;
    }

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var completion = new TaskCompletionSource<T>();
        var action = Schedule(JournalEntry.EventWaitStarted(eventName, CurrentUtcDateTime), _ => { });
        if (action is null)
        {
            return completion.Task;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            action.MarkDone();
            completion.TrySetCanceled(cancellationToken);
            return completion.Task;
        }

        var waiter = new EventWaiter(action, payload => SetDeserialized(completion, payload));
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var payload))
        {
            action.MarkDone();
            waiter.Deliver(payload);
            return completion.Task;
        }

        // Newest waiter first, as Durable's .NET worker does since microsoft/durabletask-dotnet#509: in the common
        // Task.WhenAny loop the latest wait is the one the orchestrator still cares about.
        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            waiters = new LinkedList<EventWaiter>();
            _waiters[eventName] = waiters;
        }

        var node = waiters.AddFirst(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            // Removed on cancellation so a cancelled wait can never consume a later event; that event is buffered for
            // the next wait instead (the isolated-worker bug Azure/azure-functions-durable-extension#3255).
            action.Cancellation = cancellationToken.Register(() =>
            {
                if (action.MarkDone())
                {
                    waiters.Remove(node);
                    completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        return completion.Task;
    }

    public void SetCustomStatus(object? customStatus)
    {
        var json = customStatus is null ? null : JsonSerializer.Serialize(customStatus, PipelineJson.Options);
        if (json is not null && Encoding.UTF8.GetByteCount(json) > MaxCustomStatusBytes)
        {
            throw new ArgumentException(
                $"The custom status serializes to more than {MaxCustomStatusBytes} bytes.", nameof(customStatus));
        }

        CustomStatusJson = json;
    }

    private OrchestrationAction? Schedule(JournalEntry scheduled, Action<JournalEntry> complete)
    {
        if (NonDeterminism is not null)
        {
            // The instance is failing; leave the orchestrator parked on a task that never completes.
            return null;
        }

        var sequence = _actions.Count;
        scheduled = scheduled with { Sequence = sequence };
        if (_journaledActions.TryGetValue(sequence, out var journaled))
        {
            if (!IsSameAction(journaled, scheduled))
            {
                Diverge($"the journal records {journaled.Describe()} at position {sequence}, but the orchestrator " +
                        $"now schedules {scheduled.Describe()}");
                return null;
            }

            // The journaled action is the one that was run (or is to be re-run): keep its input.
            scheduled = journaled;
        }
        else if (_replaying && _unappliedJournalEntries > 0)
        {
            Diverge($"the orchestrator schedules {scheduled.Describe()} at position {sequence}, where the journal " +
                    "records nothing");
            return null;
        }
        else
        {
            _newActions.Add(scheduled);
        }

        var action = new OrchestrationAction(scheduled, complete);
        _actions.Add(action);
        return action;
    }

    private void Deliver(JournalEntry completion)
    {
        if (completion.Type == JournalEntryType.EventRaised)
        {
            DeliverEvent(completion.Name!, completion.Data);
            return;
        }

        var sequence = completion.Sequence!.Value;
        if (sequence >= _actions.Count)
        {
            var journaled = _journaledActions.GetValueOrDefault(sequence);
            Diverge($"the journal records the completion of {journaled?.Describe() ?? "an action"} at position " +
                    $"{sequence}, which the orchestrator has not scheduled");
            return;
        }

        _actions[sequence].Complete(completion);
    }

    private void DeliverEvent(string name, string? payload)
    {
        if (_waiters.TryGetValue(name, out var waiters) && waiters.First is { } newest)
        {
            waiters.RemoveFirst();
            newest.Value.Action.MarkDone();
            newest.Value.Deliver(payload);
            return;
        }

        // Nobody waits yet: keep it, first in first out per name, for the next wait.
        if (!_bufferedEvents.TryGetValue(name, out var buffered))
        {
            buffered = new Queue<string?>();
            _bufferedEvents[name] = buffered;
        }

        buffered.Enqueue(payload);
    }

    private void Diverge(string detail)
    {
        NonDeterminism ??= $"Non-deterministic orchestrator '{_orchestrator.Name}' (instance '{InstanceId}'): " +
                           $"{detail}. Was the orchestrator changed while this instance was running?";
    }

    private IEnumerable<JournalEntry> Pending(JournalEntryType scheduledType) =>
        IsFinished || NonDeterminism is not null
            ? []
            : _actions.Where(a => !a.IsDone && a.Scheduled.Type == scheduledType).Select(a => a.Scheduled);

    private static bool IsSameAction(JournalEntry journaled, JournalEntry scheduled) =>
        journaled.Type == scheduled.Type
        && string.Equals(journaled.Name, scheduled.Name, StringComparison.OrdinalIgnoreCase)
        && journaled.FireAt == scheduled.FireAt;

    private static void SetDeserialized<T>(TaskCompletionSource<T> completion, string? json)
    {
        try
        {
            completion.TrySetResult(JsonSerializer.Deserialize<T>(json ?? "null", PipelineJson.Options)!);
        }
        catch (JsonException e)
        {
            completion.TrySetException(e);
        }
    }
}
