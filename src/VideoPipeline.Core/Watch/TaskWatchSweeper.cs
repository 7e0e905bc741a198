using System.Collections.Concurrent;
using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow.Planning;

namespace VideoPipeline.Core.Watch;

/// <summary>
/// The task watch's rounds: each checks the registered tasks that are due on their job's polling schedule
/// (<see cref="PollingSchedule"/>), with the status check the workflow's own activity makes, and raises the job's
/// <see cref="EventNames.ProviderCallback"/> once its task ended or checking it kept failing; the job's own check then
/// decides, as it does for a provider's callback. The schedule lives in memory and is rebuilt from the
/// <see cref="TaskWatchRegistry"/>, so one process at a time must run the rounds: the local host's
/// <c>TaskWatchService</c> (behind a blob lease) or the Functions host's timer trigger.
/// </summary>
public sealed class TaskWatchSweeper(
    TaskWatchRegistry registry,
    CheckVideoStatusActivity statusCheck,
    IOptions<TaskWatchOptions> options,
    TimeProvider time,
    ILogger<TaskWatchSweeper> logger)
{
    private readonly ConcurrentDictionary<string, Watched> _watched = new(StringComparer.Ordinal);
    private readonly TaskWatchOptions _options = options.Value;
    // Read by activities (Track) and the API (Latest) while rounds write them: the end of the last round in UTC ticks,
    // and 1 during a round (the first reads every registration, which may take a while).
    private long _lastRoundEndTicks;
    private int _inRound;
    private DateTimeOffset _nextRescan = DateTimeOffset.MinValue;

    /// <summary>The job's task as this process's watch last saw it; null when this process does not watch it.</summary>
    public ProviderTask? Latest(string jobId) => IsRunning && _watched.TryGetValue(jobId, out var watched) ? watched.Latest : null;

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
            _watched[task.JobId] = new Watched(task, etag);
        }
    }

    /// <summary>One round: re-reads the registrations when due, then checks the tasks that are due.</summary>
    /// <returns>When the next check falls due; null when no task is watched.</returns>
    public async Task<DateTimeOffset?> RunRoundAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        if (!IsRunning)
        {
            _watched.Clear();
            _nextRescan = now;
        }

        Volatile.Write(ref _inRound, 1);
        try
        {
            if (now >= _nextRescan)
            {
                await RescanAsync(cancellationToken);
                _nextRescan = now + _options.RescanInterval;
            }

            // Never early: the schedule aims the first check at the expected finish, and a check just before it would
            // cost a second one at least MinPollInterval later.
            var dueBy = time.GetUtcNow();
            var due = _watched.Values.Where(w => w.NextCheckAt <= dueBy).ToList();
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentChecks, CancellationToken = cancellationToken },
                (watched, ct) => new ValueTask(CheckAsync(client, watched, ct)));
            return _watched.IsEmpty ? null : _watched.Values.Min(w => w.NextCheckAt);
        }
        finally
        {
            Volatile.Write(ref _lastRoundEndTicks, time.GetUtcNow().UtcTicks);
            Volatile.Write(ref _inRound, 0);
        }
    }

    private async Task RescanAsync(CancellationToken cancellationToken)
    {
        var known = _watched.ToArray();
        var registered = (await registry.ListAsync(cancellationToken)).ToDictionary(r => r.JobId, r => r.ETag, StringComparer.Ordinal);
        foreach (var (jobId, watched) in known)
        {
            if (!registered.ContainsKey(jobId))
            {
                _watched.TryRemove(new KeyValuePair<string, Watched>(jobId, watched));
            }
        }

        var changed = registered.Where(r => !_watched.TryGetValue(r.Key, out var w) || w.ETag != r.Value).Select(r => r.Key);
        await Parallel.ForEachAsync(
            changed,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentChecks, CancellationToken = cancellationToken },
            async (jobId, ct) =>
            {
                if (await registry.ReadAsync(jobId, ct) is var (task, etag))
                {
                    _watched[jobId] = new Watched(task, etag);
                }
            });
    }

    private async Task CheckAsync(DurableTaskClient client, Watched watched, CancellationToken cancellationToken)
    {
        var checkedAt = time.GetUtcNow();
        ProviderCallResult result;
        try
        {
            result = await statusCheck.RunAsync(watched.Task.Task, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Task watch: checking the task of job {JobId} failed", watched.Task.JobId);
            result = ProviderCallResult.Failed(new ActivityError(ErrorCodes.ProviderUnavailable, e.Message, IsTransient: true));
        }

        if (result.Task is { IsSettled: false } latest)
        {
            watched.Failures = 0;
            watched.Latest = latest;
            watched.NextCheckAt = checkedAt + Watched.NextDelay(watched.Task, latest, checkedAt.UtcDateTime);
            return;
        }

        if (result.Error is { IsTransient: true } error && ++watched.Failures < VideoJobOrchestrator.MaxStatusFailures)
        {
            watched.NextCheckAt = checkedAt + (error.RetryAfter ?? VideoJobOrchestrator.Backoff(watched.Failures));
            return;
        }

        await TellJobAsync(client, watched, result.Task?.RawStatus ?? result.Error!.Code, cancellationToken);
    }

    /// <summary>Raises the job's event, unless the job no longer runs, and ends the task's registration.</summary>
    private async Task TellJobAsync(DurableTaskClient client, Watched watched, string status, CancellationToken cancellationToken)
    {
        var jobId = watched.Task.JobId;
        try
        {
            var instance = await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken);
            if (instance is { IsRunning: true })
            {
                await client.RaiseEventAsync(jobId, EventNames.ProviderCallback, new CallbackHint(watched.Task.Task.TaskId, status), cancellationToken);
            }

            _watched.TryRemove(new KeyValuePair<string, Watched>(jobId, watched));
            await registry.DeleteAsync(jobId, watched.ETag, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Told again when next due: a job told twice checks twice, a job never told waits for its safety net.
            logger.LogWarning(e, "Task watch: telling job {JobId} that its task is {Status} failed; trying again", jobId, status);
            watched.NextCheckAt = time.GetUtcNow() + VideoJobOrchestrator.Backoff(1);
        }
    }

    /// <summary>One task in the schedule. Each is checked by one round at a time: a round waits for its checks.</summary>
    private sealed class Watched(WatchedTask task, ETag etag)
    {
        public WatchedTask Task { get; } = task;

        public ETag ETag { get; } = etag;

        public DateTimeOffset NextCheckAt { get; set; } = Utc(task.CheckedAt) + NextDelay(task, task.Latest, task.CheckedAt);

        public int Failures { get; set; }

        public ProviderTask Latest { get; set; } = task.Latest;

        /// <summary>The job's own polling schedule, as if it checked the task itself.</summary>
        public static TimeSpan NextDelay(WatchedTask task, ProviderTask latest, DateTime now) =>
            PollingSchedule.NextDelay(task.Plan, Utc(now) - Utc(task.SubmittedAt), latest.EstimatedTime, latest.Progress, latest.PollAfter, null);

        // Orchestration times are UTC; a registration read back may say so only in its value's kind being unspecified.
        private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
    }
}
