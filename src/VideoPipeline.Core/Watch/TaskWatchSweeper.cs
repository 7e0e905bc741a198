using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Watch;

/// <summary>
/// The task watch's rounds: each checks the registered tasks that are due on their job's polling schedule
/// (<see cref="PollingSchedule"/>), with the status check the workflow's own activity makes, and raises the job's
/// <see cref="EventNames.ProviderCallback"/> once its task ended or checking it kept failing; the job's own check then
/// decides, as it does for a provider's callback. The schedule lives in memory and is rebuilt from the
/// <see cref="TaskWatchRegistry"/>, so one process at a time must run the rounds: the local host's
/// <c>TaskWatchService</c> (behind a blob lease) or the Functions host's timer trigger. Re-reading the registrations
/// runs beside the rounds: with thousands of them it takes seconds, which no due check should wait for.
/// </summary>
public sealed class TaskWatchSweeper(
    TaskWatchRegistry registry,
    CheckVideoStatusActivity statusCheck,
    IOptions<TaskWatchOptions> options,
    TimeProvider time,
    ILogger<TaskWatchSweeper> logger) : IDisposable
{
    private readonly TaskWatchSchedule _schedule = new();
    // A re-read outlives the round that started it (in the Functions app, the timer invocation and its token), so it
    // stops with this process's container instead.
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskWatchOptions _options = options.Value;
    // Read by activities (Track) and the API (Latest) while rounds write them: the end of the last round in UTC ticks,
    // and 1 during a round.
    private long _lastRoundEndTicks;
    private int _inRound;
    private DateTimeOffset _nextRescan = DateTimeOffset.MinValue;
    private Task _rescan = Task.CompletedTask;

    /// <summary>The job's task as this process's watch last saw it; null when this process does not watch it.</summary>
    public ProviderTask? Latest(string jobId) => IsRunning ? _schedule.Find(jobId)?.Latest : null;

    /// <summary>
    /// Rounds that stopped for longer than this (the lease went to another host, the timer trigger ran elsewhere) leave
    /// a schedule others have moved on from: the next round starts again from the registrations.
    /// </summary>
    private TimeSpan StaleAfter => _options.RoundInterval * 10 + TimeSpan.FromSeconds(5);

    private bool IsRunning =>
        Volatile.Read(ref _inRound) == 1 || time.GetUtcNow().UtcTicks - Volatile.Read(ref _lastRoundEndTicks) <= StaleAfter.Ticks;

    /// <summary>
    /// Takes a task registered in this process into the schedule at once, while this process runs the rounds: other
    /// processes' rounds find it when they re-read the registrations.
    /// </summary>
    public void Track(WatchedTask task, ETag etag)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (IsRunning)
        {
            _schedule.Add(task, etag);
        }
    }

    /// <summary>
    /// Ends the watch of a job that ended: drops its task from this process's schedule and deletes its registration
    /// (other processes' rounds drop it when they re-read the registrations).
    /// </summary>
    public async Task ForgetAsync(string jobId, CancellationToken cancellationToken)
    {
        _schedule.Remove(jobId);
        await registry.DeleteAsync(jobId, ifMatch: null, cancellationToken);
    }

    /// <summary>One round: starts re-reading the registrations when due, then checks the tasks that are due.</summary>
    /// <returns>When the next check falls due; null when no task waits for one.</returns>
    public async Task<DateTimeOffset?> RunRoundAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        if (!IsRunning)
        {
            _schedule.Clear();
            _nextRescan = now;
        }

        Volatile.Write(ref _inRound, 1);
        try
        {
            if (now >= _nextRescan && _rescan.IsCompleted)
            {
                _nextRescan = now + _options.RescanInterval;
                _rescan = RescanAsync(_stopping.Token);
            }

            // Never early: the schedule aims the first check at the expected finish, and a check just before it would
            // cost a second one at least MinPollInterval later.
            var due = _schedule.TakeDue(time.GetUtcNow());
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentChecks, CancellationToken = cancellationToken },
                (entry, ct) => new ValueTask(CheckAsync(client, entry, ct)));
            return _schedule.NextDue();
        }
        finally
        {
            Volatile.Write(ref _lastRoundEndTicks, time.GetUtcNow().UtcTicks);
            Volatile.Write(ref _inRound, 0);
        }
    }

    private async Task RescanAsync(CancellationToken cancellationToken)
    {
        try
        {
            var additionsBeforeRead = _schedule.Additions;
            var registered = (await registry.ListAsync(cancellationToken)).ToDictionary(r => r.JobId, r => r.ETag, StringComparer.Ordinal);
            await Parallel.ForEachAsync(
                _schedule.Reconcile(registered, additionsBeforeRead),
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentChecks, CancellationToken = cancellationToken },
                async (jobId, ct) =>
                {
                    if (await registry.ReadAsync(jobId, ct) is var (task, etag))
                    {
                        _schedule.Add(task, etag);
                    }
                });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Task watch: re-reading the registrations failed; trying again in {Interval}", _options.RescanInterval);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task CheckAsync(DurableTaskClient client, TaskWatchSchedule.Entry entry, CancellationToken cancellationToken)
    {
        var checkedAt = time.GetUtcNow();
        ProviderCallResult result;
        try
        {
            result = await statusCheck.RunAsync(entry.Task.Task, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Task watch: checking the task of job {JobId} failed", entry.Task.JobId);
            result = ProviderCallResult.Failed(new ActivityError(ErrorCodes.ProviderUnavailable, e.Message, IsTransient: true));
        }

        if (result.Task is { IsSettled: false } latest)
        {
            entry.Failures = 0;
            entry.Latest = latest;
            _schedule.Reschedule(entry, checkedAt + TaskWatchSchedule.Entry.NextDelay(entry.Task, latest, checkedAt.UtcDateTime));
            return;
        }

        if (result.Error is { IsTransient: true } error && ++entry.Failures < VideoJobOrchestrator.MaxStatusFailures)
        {
            _schedule.Reschedule(entry, checkedAt + (error.RetryAfter ?? VideoJobOrchestrator.Backoff(entry.Failures)));
            return;
        }

        await TellJobAsync(client, entry, result.Task?.RawStatus ?? result.Error!.Code, cancellationToken);
    }

    /// <summary>Raises the job's event, unless the job no longer runs, and ends the task's registration.</summary>
    private async Task TellJobAsync(DurableTaskClient client, TaskWatchSchedule.Entry entry, string status, CancellationToken cancellationToken)
    {
        var jobId = entry.Task.JobId;
        try
        {
            var instance = await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken);
            if (instance is { IsRunning: true })
            {
                await client.RaiseEventAsync(jobId, EventNames.ProviderCallback, new CallbackHint(entry.Task.Task.TaskId, status), cancellationToken);
                logger.LogInformation("Task watch: told job {JobId} that its task {TaskId} is {Status}", jobId, entry.Task.Task.TaskId, status);
            }
            else
            {
                logger.LogInformation(
                    "Task watch: job {JobId} is {RuntimeStatus}, not told that its task {TaskId} is {Status}",
                    jobId, instance?.RuntimeStatus.ToString() ?? "unknown", entry.Task.Task.TaskId, status);
            }

            _schedule.Remove(entry);
            await registry.DeleteAsync(jobId, entry.ETag, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Told again when next due: a job told twice checks twice, a job never told waits for its safety net.
            logger.LogWarning(e, "Task watch: telling job {JobId} that its task is {Status} failed; trying again", jobId, status);
            _schedule.Reschedule(entry, time.GetUtcNow() + VideoJobOrchestrator.Backoff(1));
        }
    }
}
