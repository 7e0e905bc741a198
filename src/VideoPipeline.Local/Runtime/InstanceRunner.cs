using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Local.Runtime;

/// <summary>
/// Drives one instance while this process holds its lease: loads the journal, replays, then loops over signals
/// (activity results, due timers, inbox items). Each step journals the completions first, then lets the orchestrator
/// observe them, then journals what it scheduled (and its custom status) before dispatching any of it. Any journal
/// write that finds the ETag moved means someone else wrote: the runner reloads and replays rather than overwrite.
/// It is an async loop, not a thread; it never runs two steps at once.
/// </summary>
internal sealed class InstanceRunner
{
    private static readonly TimeSpan MaxTimerWait = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // A lock without a journal younger than this may belong to a start still in progress.
    private static readonly TimeSpan OrphanLockAge = TimeSpan.FromMinutes(1);

    private readonly BlobLeaseClient _lease;
    private readonly InstanceRunnerServices _services;
    private readonly Channel<RunnerSignal> _signals =
        Channel.CreateUnbounded<RunnerSignal>(new UnboundedChannelOptions { SingleReader = true });

    // Both survive reloads: an activity already running (or finished) for a sequence is not started again.
    private readonly Dictionary<int, Task<JournalEntry>> _activities = [];
    private readonly Dictionary<int, CancellationTokenSource> _timers = [];

    private (OrchestrationRuntimeStatus Status, string? CustomStatus)? _indexed;
    private volatile bool _holdsLease = true;

    public InstanceRunner(string instanceId, BlobLeaseClient lease, InstanceRunnerServices services)
    {
        InstanceId = instanceId;
        _lease = lease;
        _services = services;
    }

    public string InstanceId { get; }

    public bool HoldsLease => _holdsLease;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(CancellationToken stoppingToken) =>
        Completion = Task.Run(() => RunAsync(stoppingToken), CancellationToken.None);

    public void Signal(RunnerSignal signal) => _signals.Writer.TryWrite(signal);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = KeepLeaseAsync(lifetime);
        try
        {
            for (var failures = 0; ; failures++)
            {
                try
                {
                    if (await RunOnceAsync(lifetime.Token))
                    {
                        return;
                    }

                    failures = -1;
                }
                catch (Exception e) when (!lifetime.IsCancellationRequested)
                {
                    var backoff = TimeSpan.FromTicks(Math.Min(
                        MaxBackoff.Ticks, _services.Options.PollInterval.Ticks << Math.Min(failures, 16)));
                    _services.Logger.LogWarning(
                        e, "Instance {InstanceId} hit an error; reloading its journal in {Backoff}.", InstanceId, backoff);
                    await Task.Delay(backoff, _services.Time, lifetime.Token);
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Stopping, or the lease was lost: whatever is not journaled is redone by the next owner.
        }
        finally
        {
            await lifetime.CancelAsync();
            await renewal;
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _signals.Writer.TryComplete();
        }
    }

    /// <summary>Gives the instance up at a graceful stop so another process need not wait for the lease to lapse.</summary>
    public async Task ReleaseLeaseAsync(CancellationToken cancellationToken)
    {
        if (!_holdsLease)
        {
            return;
        }

        _holdsLease = false;
        try
        {
            await _lease.ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
            _services.Logger.LogDebug(e, "Could not release the lease of instance {InstanceId}.", InstanceId);
        }
    }

    /// <returns>True when this runner is done with the instance; false to load it again.</returns>
    private async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var journal = await _services.Journals.LoadAsync(InstanceId, cancellationToken);
        if (journal is null)
        {
            await AbandonWithoutJournalAsync(cancellationToken);
            return true;
        }

        if (journal.IsFinished)
        {
            await FinishAsync(journal, cancellationToken);
            return true;
        }

        _indexed = null;
        await RefreshIndexAsync(journal, cancellationToken);
        return await ExecuteAsync(journal, cancellationToken);
    }

    private async Task<bool> ExecuteAsync(Journal journal, CancellationToken cancellationToken)
    {
        foreach (var timer in _timers.Values)
        {
            await timer.CancelAsync();
            timer.Dispose();
        }

        _timers.Clear();
        var orchestrator = _services.Registry.FindOrchestrator(journal.Name);
        if (orchestrator is null)
        {
            return await FailAsync(journal, $"No orchestrator named '{journal.Name}' is registered.", cancellationToken);
        }

        var execution = new OrchestrationExecution(
            InstanceId, orchestrator, journal.InputJson,
            message => Signal(new RunnerSignal(RunnerSignalKind.Violation, Message: message)));
        execution.Replay(journal.Entries);
        if (journal.Status == OrchestrationRuntimeStatus.Pending)
        {
            var started = JournalEntry.OrchestratorStarted(NextTime(journal));
            if (!await _services.Journals.TryAppendAsync(journal, [started], cancellationToken))
            {
                return false;
            }

            await RefreshIndexAsync(journal, cancellationToken);
            execution.Start(started.At);
        }

        if (await CommitProgressAsync(journal, execution, cancellationToken) is { } done)
        {
            return done;
        }

        Dispatch(execution, afterLoad: true, cancellationToken);
        Signal(new RunnerSignal(RunnerSignalKind.InboxChanged));
        while (true)
        {
            var batch = await ReadBatchAsync(cancellationToken);
            var reload = batch.Any(s => s.Kind == RunnerSignalKind.Reload);
            var inbox = batch.Any(s => s.Kind == RunnerSignalKind.InboxChanged)
                ? await _services.Inbox.ReadAsync(InstanceId, cancellationToken)
                : [];
            if (batch.FirstOrDefault(s => s.Kind == RunnerSignalKind.Violation).Message is { } violation)
            {
                return await FailAsync(journal, violation, cancellationToken);
            }

            var wakes = inbox.Where(i => i.Kind == InboxItemKind.Wake).Select(i => i.EventId).ToList();
            if (reload || wakes.Count > 0)
            {
                await _services.Inbox.DeleteAsync(InstanceId, wakes, cancellationToken);
                return false;
            }

            var completions = CollectCompletions(journal, execution, batch, inbox, cancellationToken);
            if (completions.Count > 0 && !await _services.Journals.TryAppendAsync(journal, completions, cancellationToken))
            {
                return false;
            }

            // Journaled (or journaled before, by an owner that crashed before deleting them): safe to delete.
            await _services.Inbox.DeleteAsync(InstanceId, inbox.Select(i => i.EventId), cancellationToken);
            foreach (var completion in completions)
            {
                execution.Apply(completion);
            }

            if (await CommitProgressAsync(journal, execution, cancellationToken) is { } finished)
            {
                return finished;
            }

            Dispatch(execution, afterLoad: false, cancellationToken);
        }
    }

    private List<JournalEntry> CollectCompletions(
        Journal journal,
        OrchestrationExecution execution,
        List<RunnerSignal> batch,
        IReadOnlyList<InboxItem> inbox,
        CancellationToken cancellationToken)
    {
        var completions = new List<JournalEntry>();
        foreach (var signal in batch)
        {
            var sequence = signal.Sequence;
            switch (signal.Kind)
            {
                case RunnerSignalKind.ActivityCompleted:
                    if (_activities.Remove(sequence, out var run) && run.IsCompletedSuccessfully
                        && execution.IsPending(sequence, JournalEntryType.ActivityScheduled))
                    {
                        completions.Add(run.Result with { At = NextTime(journal, completions) });
                    }

                    break;
                case RunnerSignalKind.TimerDue:
                    if (_timers.Remove(sequence, out var armed))
                    {
                        armed.Dispose();
                    }

                    // A signal from before a reload can meet the re-armed timer's own signal in one batch.
                    var timer = execution.PendingTimers.FirstOrDefault(t => t.Sequence == sequence);
                    if (timer is null || completions.Any(c => c.Type == JournalEntryType.TimerFired && c.Sequence == sequence))
                    {
                        break;
                    }

                    var at = NextTime(journal, completions);
                    if (at >= timer.FireAt)
                    {
                        completions.Add(JournalEntry.TimerFired(sequence, at));
                    }
                    else
                    {
                        Arm(timer, cancellationToken);
                    }

                    break;
            }
        }

        foreach (var item in inbox)
        {
            if (!journal.EventIds.Contains(item.EventId) && completions.All(c => c.EventId != item.EventId))
            {
                completions.Add(JournalEntry.EventRaised(item.EventId, item.Name!, item.Data, NextTime(journal, completions)));
            }
        }

        return completions;
    }

    /// <summary>
    /// Journals what the orchestrator did since it last went idle: new actions, a changed custom status, its end.
    /// </summary>
    /// <returns>Null to go on; true when the instance finished; false when the journal moved (reload).</returns>
    private async Task<bool?> CommitProgressAsync(
        Journal journal, OrchestrationExecution execution, CancellationToken cancellationToken)
    {
        var at = NextTime(journal);
        var entries = new List<JournalEntry>();
        if (execution.NonDeterminism is null)
        {
            entries.AddRange(execution.TakeNewActions());
            if (execution.CustomStatusJson != journal.CustomStatusJson)
            {
                entries.Add(JournalEntry.CustomStatusSet(execution.CustomStatusJson, at));
            }
        }

        if (execution.Outcome(at) is { } outcome)
        {
            entries.Add(outcome);
        }

        if (entries.Count == 0)
        {
            return null;
        }

        if (!await _services.Journals.TryAppendAsync(journal, entries, cancellationToken))
        {
            return false;
        }

        if (execution.NonDeterminism is { } nonDeterminism)
        {
            _services.Logger.LogError("Instance {InstanceId} failed: {Message}", InstanceId, nonDeterminism);
        }

        if (journal.IsFinished)
        {
            await FinishAsync(journal, cancellationToken);
            return true;
        }

        await RefreshIndexAsync(journal, cancellationToken);
        return null;
    }

    private void Dispatch(OrchestrationExecution execution, bool afterLoad, CancellationToken cancellationToken)
    {
        foreach (var activity in execution.PendingActivities)
        {
            var sequence = activity.Sequence!.Value;
            if (_activities.TryGetValue(sequence, out var running))
            {
                // Its completion signal may have been consumed by the step that led to the reload.
                if (afterLoad && running.IsCompleted)
                {
                    Signal(new RunnerSignal(RunnerSignalKind.ActivityCompleted, sequence));
                }

                continue;
            }

            var run = _services.Activities.RunAsync(activity, cancellationToken);
            _activities[sequence] = run;
            _ = run.ContinueWith(
                _ => Signal(new RunnerSignal(RunnerSignalKind.ActivityCompleted, sequence)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        var timers = execution.PendingTimers.ToDictionary(t => t.Sequence!.Value);
        foreach (var (sequence, armed) in _timers.Where(t => !timers.ContainsKey(t.Key)).ToList())
        {
            // Cancelled by the orchestrator, or fired.
            armed.Cancel();
            armed.Dispose();
            _timers.Remove(sequence);
        }

        foreach (var timer in timers.Values.Where(t => !_timers.ContainsKey(t.Sequence!.Value)))
        {
            Arm(timer, cancellationToken);
        }
    }

    private void Arm(JournalEntry timer, CancellationToken cancellationToken)
    {
        var sequence = timer.Sequence!.Value;
        var armed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timers[sequence] = armed;
        _ = SignalWhenDueAsync(sequence, timer.FireAt!.Value, armed.Token);
    }

    private async Task SignalWhenDueAsync(int sequence, DateTime fireAt, CancellationToken cancellationToken)
    {
        try
        {
            // The fire time is absolute, so after a restart only the remainder is waited.
            var remaining = fireAt - Now();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining < MaxTimerWait ? remaining : MaxTimerWait, _services.Time, cancellationToken);
            }

            Signal(new RunnerSignal(RunnerSignalKind.TimerDue, sequence));
        }
        catch (OperationCanceledException)
        {
            // Disarmed.
        }
    }

    private async Task<List<RunnerSignal>> ReadBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<RunnerSignal> { await _signals.Reader.ReadAsync(cancellationToken) };
        while (_signals.Reader.TryRead(out var signal))
        {
            batch.Add(signal);
        }

        return batch;
    }

    private async Task<bool> FailAsync(Journal journal, string message, CancellationToken cancellationToken)
    {
        if (!await _services.Journals.TryAppendAsync(
                journal, [JournalEntry.ExecutionFailed(message, NextTime(journal))], cancellationToken))
        {
            return false;
        }

        _services.Logger.LogError("Instance {InstanceId} failed: {Message}", InstanceId, message);
        await FinishAsync(journal, cancellationToken);
        return true;
    }

    /// <summary>
    /// Final bookkeeping of a finished instance; repeated by the next owner if a crash interrupts it, because the lock
    /// blob (what discovery finds) goes last.
    /// </summary>
    private async Task FinishAsync(Journal journal, CancellationToken cancellationToken)
    {
        await _services.Index.UpsertAsync(journal, cancellationToken);
        await _services.Inbox.DeleteAllAsync(InstanceId, cancellationToken);
        _holdsLease = false;
        await _services.Storage.Lock(InstanceId).DeleteIfExistsAsync(
            conditions: new BlobRequestConditions { LeaseId = _lease.LeaseId }, cancellationToken: cancellationToken);
        _services.Logger.LogInformation("Instance {InstanceId} is {Status}.", InstanceId, journal.Status);
    }

    private async Task AbandonWithoutJournalAsync(CancellationToken cancellationToken)
    {
        var properties = await _services.Storage.Lock(InstanceId).GetPropertiesAsync(cancellationToken: cancellationToken);
        if (Now() - properties.Value.CreatedOn.UtcDateTime < OrphanLockAge)
        {
            await ReleaseLeaseAsync(cancellationToken);
            return;
        }

        _holdsLease = false;
        await _services.Storage.Lock(InstanceId).DeleteIfExistsAsync(
            conditions: new BlobRequestConditions { LeaseId = _lease.LeaseId }, cancellationToken: cancellationToken);
        _services.Logger.LogWarning("Removed the lock of instance {InstanceId}, whose start never finished.", InstanceId);
    }

    private async Task RefreshIndexAsync(Journal journal, CancellationToken cancellationToken)
    {
        var indexed = (journal.Status, journal.CustomStatusJson);
        if (_indexed != indexed)
        {
            await _services.Index.UpsertAsync(journal, cancellationToken);
            _indexed = indexed;
        }
    }

    private async Task KeepLeaseAsync(CancellationTokenSource lifetime)
    {
        var options = _services.Options;
        var renewedAt = Now();
        try
        {
            while (true)
            {
                await Task.Delay(options.LeaseRenewInterval, _services.Time, lifetime.Token);
                try
                {
                    await _lease.RenewAsync(cancellationToken: lifetime.Token);
                    renewedAt = Now();
                }
                catch (Exception e) when (!lifetime.IsCancellationRequested
                                          && e is not RequestFailedException { Status: 404 or 409 or 412 }
                                          && Now() - renewedAt < options.LeaseDuration - options.LeaseRenewInterval)
                {
                    _services.Logger.LogWarning(e, "Could not renew the lease of instance {InstanceId}; retrying.", InstanceId);
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            if (_holdsLease)
            {
                _holdsLease = false;
                _services.Logger.LogWarning(e, "Lost the lease of instance {InstanceId}; leaving it to its new owner.", InstanceId);
            }

            await lifetime.CancelAsync();
        }
    }

    /// <summary>Time for a new journal line: never before anything already journaled, so replayed time only moves on.</summary>
    private DateTime NextTime(Journal journal, IReadOnlyList<JournalEntry>? unwritten = null)
    {
        var at = Now();
        if (journal.LastAt > at)
        {
            at = journal.LastAt;
        }

        if (unwritten is { Count: > 0 } && unwritten[^1].At > at)
        {
            at = unwritten[^1].At;
        }

        return at;
    }

    private DateTime Now() => _services.Time.GetUtcNow().UtcDateTime;
}
