using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow.Planning;

namespace VideoPipeline.Core.Workflow;

/// <summary>
/// The workflow of one job: take a provider task slot when the provider has a concurrent-task limit, submit, wait for
/// the provider (durable timers raced against one callback wait; the task watch checks the task and raises that
/// callback too, the timers being its safety net), free the slot, archive, finish. A Durable Task SDK
/// orchestrator: the Functions host runs it from its orchestration trigger and the local host on the same engine, so it
/// must stay deterministic (time only from the context, no I/O, no randomness; everything else is an activity).
/// </summary>
public sealed class VideoJobOrchestrator : TaskOrchestrator<VideoJobInput, VideoJobResult>
{
    public const int MaxSubmitAttempts = 6;
    public const int MaxArchiveAttempts = 3;
    public const int MaxNotifyAttempts = 3;

    /// <summary>Consecutive transient status failures tolerated before the job fails.</summary>
    public const int MaxStatusFailures = 10;

    public override async Task<VideoJobResult> RunAsync(TaskOrchestrationContext context, VideoJobInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null)
        {
            throw new InvalidOperationException($"Orchestration '{context.InstanceId}' was started without a job input.");
        }

        var log = context.CreateReplaySafeLogger<VideoJobOrchestrator>();
        log.LogInformation("Job {JobId} started ({Provider}/{Model}, {WaitMode})", input.JobId,
            PipelineJson.EnumName(input.Request.Provider), input.Request.Model, PipelineJson.EnumName(input.Plan.WaitMode));
        var result = await new JobRun(context, input).ExecuteAsync();
        log.LogInformation("Job {JobId} ended {Status}", input.JobId, PipelineJson.EnumName(result.Status));
        return result;
    }

    /// <summary>Exponential backoff for transient failures without a Retry-After: 2, 4, 8, … seconds, at most 60.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempt)));

    private sealed class JobRun(TaskOrchestrationContext context, VideoJobInput input)
    {
        private readonly JobRequest _request = input.Request;
        private readonly JobPlan _plan = input.Plan;
        private readonly TaskSlotKeeper _slot = new(context, input);
        private DateTime _deadline;
        private JobTimings _timings = null!;
        private Task<CancelRequest?> _cancelRequested = null!;
        private Task<CallbackHint?> _callback = null!;
        private ProviderTask? _task;
        private bool _providerMayStillRun;

        public async Task<VideoJobResult> ExecuteAsync()
        {
            var started = context.CurrentUtcDateTime;
            _deadline = started + _plan.Deadline;
            _timings = new JobTimings(started);

            // One wait per event for the whole job: cancelling and re-creating waits per round would hit the
            // isolated worker's bug where a cancelled waiter still consumes the next event.
            _cancelRequested = context.WaitForExternalEvent<CancelRequest?>(EventNames.Cancel);
            _callback = context.WaitForExternalEvent<CallbackHint?>(EventNames.ProviderCallback);

            var result = await AdmitAsync() ?? await SubmitAsync() ?? await WaitForResultAsync();
            await ReleaseSlotAsync(result);
            result ??= await ArchiveAsync();
            return await FinishAsync(result);
        }

        /// <summary>
        /// Waits for one of the provider's task slots when it has a concurrent-task limit, in the provider's queue of
        /// waiting jobs, never calling the provider: a job that frees a slot hands it to the oldest waiting job and its
        /// workflow says so by event; a durable timer makes the job look by itself now and then, in case a handover
        /// was lost. The job deadline starts once the job has its slot: time spent queued behind other jobs is not the
        /// provider's.
        /// </summary>
        private async Task<VideoJobResult?> AdmitAsync()
        {
            if (_slot.Plan is not { } plan)
            {
                return null;
            }

            var provider = PipelineJson.EnumName(_request.Provider);
            var queuedAt = context.CurrentUtcDateTime;
            var giveUpAt = queuedAt + plan.MaxWait;
            for (var round = 1; ; round++)
            {
                var grant = await _slot.TryAdmitAsync(queuedAt);
                var now = context.CurrentUtcDateTime;
                if (grant.IsGranted)
                {
                    _deadline = now + _plan.Deadline;
                    return null;
                }

                if (now >= giveUpAt)
                {
                    return Failed(new JobError(ErrorCodes.Timeout, $"No {provider} task slot became free within {plan.MaxWait}."));
                }

                // Reported once: rewriting the status every round would cost the engine a status write per round.
                if (round == 1)
                {
                    Report(JobStatus.Queued, $"Waiting for one of {plan.Capacity} {provider} task slots");
                }

                var recheckAt = now + (grant.RetryAfter ?? Backoff(1));
                var handover = _slot.WaitForHandover();
                using (var timerCancellation = new CancellationTokenSource())
                {
                    var timer = context.CreateTimer(recheckAt < giveUpAt ? recheckAt : giveUpAt, timerCancellation.Token);
                    var winner = await Task.WhenAny(timer, handover, _cancelRequested);
                    if (winner != timer)
                    {
                        timerCancellation.Cancel();
                    }

                    if (winner == _cancelRequested)
                    {
                        return Cancelled("Cancelled while waiting for a provider task slot.");
                    }

                    if (winner == handover && _slot.TryAccept(await handover))
                    {
                        _deadline = context.CurrentUtcDateTime + _plan.Deadline;
                        return null;
                    }
                }
            }
        }

        /// <summary>
        /// Gives the task slot back once the provider is done with the task, before the archive (which the provider's
        /// limit does not count), or leaves the queue when the job ended while waiting for one. When the provider may
        /// still be generating the task — the submission's outcome is unknown, or it could not cancel — the slot is
        /// left to lapse with its hold instead.
        /// </summary>
        private Task ReleaseSlotAsync(VideoJobResult? result)
        {
            if (result?.Error?.Code == ErrorCodes.SubmissionOutcomeUnknown || _providerMayStillRun)
            {
                _slot.LetLapse();
                return Task.CompletedTask;
            }

            return _slot.ReleaseAsync();
        }

        private async Task<VideoJobResult?> SubmitAsync()
        {
            Report(JobStatus.Submitting, $"Submitting to {PipelineJson.EnumName(_request.Provider)}");
            for (var attempt = 1; ; attempt++)
            {
                var submit = new SubmitJobInput(
                    input.JobId, attempt, _request, _plan.CallbackUrl, _plan.ResubmitWhenOutcomeUnknown)
                {
                    TraceParent = input.TraceParent,
                };
                var outcome = await context.CallActivityAsync<ProviderCallResult>(ActivityNames.Submit, submit);
                if (outcome.Task is { } task)
                {
                    _task = task;
                    _timings = _timings with { SubmittedAt = context.CurrentUtcDateTime };
                    return null;
                }

                var error = outcome.Error!;
                if (!error.IsTransient || attempt >= MaxSubmitAttempts)
                {
                    return Failed(error.ToJobError());
                }

                var retryAt = context.CurrentUtcDateTime + (error.RetryAfter ?? Backoff(attempt));
                if (retryAt >= _deadline)
                {
                    return Failed(error.ToJobError());
                }

                Report(JobStatus.Submitting, $"Provider busy ({error.Code}); retrying submission at {retryAt:O}");
                if (await DelayHoldingSlotUnlessCancelledAsync(retryAt))
                {
                    return Cancelled("Cancelled before the provider accepted the task.");
                }
            }
        }

        private async Task<VideoJobResult?> WaitForResultAsync()
        {
            var task = _task!;
            var reference = TaskRef(task);
            TimeSpan? retryAfter = null;
            var statusFailures = 0;
            ReportGenerating(task);
            var watched = _plan.TaskWatchSafetyNetInterval is not null && !task.IsSettled && await WatchAsync(task);

            // The deadline bounds the rounds (a loop of durable timers and status checks, not an unbounded one).
            for (var now = context.CurrentUtcDateTime; !task.IsSettled && now < _deadline; now = context.CurrentUtcDateTime)
            {
                var delay = PollingSchedule.NextDelay(
                    _plan, now - (_timings.SubmittedAt ?? now), task.EstimatedTime, task.Progress, task.PollAfter, retryAfter, watched);
                var fireAt = now + delay < _deadline ? now + delay : _deadline;
                fireAt = await _slot.BeginWaitAsync(fireAt);

                using (var timerCancellation = new CancellationTokenSource())
                {
                    var timer = context.CreateTimer(fireAt, timerCancellation.Token);
                    var winner = await Task.WhenAny(timer, _callback, _cancelRequested);
                    if (winner != timer)
                    {
                        timerCancellation.Cancel();
                    }

                    if (winner == _cancelRequested)
                    {
                        await CancelAtProviderAsync(reference);
                        return Cancelled((await _cancelRequested)?.Reason ?? "Cancelled by the caller.");
                    }

                    if (winner == _callback)
                    {
                        // The callback is only a hint; the status endpoint below decides. A completed wait may be
                        // replaced: only cancelled waiters are affected by the isolated worker's event bug.
                        _callback = context.WaitForExternalEvent<CallbackHint?>(EventNames.ProviderCallback);
                    }
                }

                var status = await context.CallActivityAsync<ProviderCallResult>(ActivityNames.CheckStatus, reference);
                if (status.Task is { } latest)
                {
                    task = latest;
                    _task = latest;
                    retryAfter = null;
                    statusFailures = 0;
                    ReportGenerating(task);

                    // The watch ends a registration when it raises the event, and may have stopped: register again.
                    if (watched && !task.IsSettled)
                    {
                        watched = await WatchAsync(task);
                    }
                }
                else if (status.Error!.IsTransient && ++statusFailures < MaxStatusFailures)
                {
                    retryAfter = status.Error.RetryAfter ?? Backoff(statusFailures);
                }
                else
                {
                    return Failed(status.Error.ToJobError());
                }
            }

            switch (task.Status)
            {
                case ProviderTaskStatus.Failed:
                    return Failed(task.Error ?? new JobError(ErrorCodes.GenerationFailed, "The provider reported failure."));
                case ProviderTaskStatus.Cancelled:
                    return Cancelled("The task was cancelled at the provider.");
                case ProviderTaskStatus.Succeeded when task.ResultUrls.Count > 0:
                    _timings = _timings with { GeneratedAt = context.CurrentUtcDateTime };
                    return null;
            }

            await CancelAtProviderAsync(reference);
            return Failed(new JobError(ErrorCodes.Timeout,
                $"The provider did not finish within {_plan.Deadline}; last status '{task.RawStatus}'."));
        }

        /// <summary>
        /// Hands the task to the task watch; false when the registration failed, and the job checks the task itself on
        /// its polling schedule.
        /// </summary>
        private async Task<bool> WatchAsync(ProviderTask task)
        {
            var now = context.CurrentUtcDateTime;
            try
            {
                return await context.CallActivityAsync<bool>(
                    ActivityNames.WatchTask, new WatchedTask(input.JobId, TaskRef(task), _plan, _timings.SubmittedAt ?? now, task, now));
            }
            catch (TaskFailedException e)
            {
                context.CreateReplaySafeLogger<VideoJobOrchestrator>().LogWarning(
                    "Job {JobId}: the task watch could not take the task ({Message}); the job checks it itself", input.JobId, e.Message);
                return false;
            }
        }

        private async Task<VideoJobResult> ArchiveAsync()
        {
            Report(JobStatus.Archiving, $"Archiving to {_plan.Container}/{_plan.BlobName}", progress: 100);
            var archive = new ArchiveVideoInput(input.JobId, _request, _task!, _plan.Container, _plan.BlobName)
            {
                TraceParent = input.TraceParent,
            };
            for (var attempt = 1; ; attempt++)
            {
                var outcome = await context.CallActivityAsync<ArchiveVideoResult>(ActivityNames.Archive, archive);
                if (outcome.Output is { } output)
                {
                    var now = context.CurrentUtcDateTime;
                    _timings = _timings with { ArchivedAt = now };
                    return Result(JobStatus.Succeeded) with { Output = output };
                }

                var error = outcome.Error!;
                if (!error.IsTransient || attempt >= MaxArchiveAttempts)
                {
                    return Failed(error.ToJobError());
                }

                Report(JobStatus.Archiving, $"Archive attempt {attempt} failed ({error.Code}); retrying", progress: 100);
                await context.CreateTimer(context.CurrentUtcDateTime + Backoff(attempt), CancellationToken.None);
            }
        }

        private async Task<VideoJobResult> FinishAsync(VideoJobResult result)
        {
            var now = context.CurrentUtcDateTime;
            result = result with { Timings = result.Timings with { CompletedAt = now } };

            // Reported before the outcome is recorded: the view shows the ended job with the episode that ended it,
            // not one activity round trip later.
            Report(result.Status, result.Status switch
            {
                JobStatus.Succeeded => "Archived",
                JobStatus.Cancelled => "Cancelled",
                _ => $"Failed: {result.Error?.Code}",
            }, result.Status == JobStatus.Succeeded ? 100 : null, result);
            await RecordOutcomeAsync(result);

            if (result.Status == JobStatus.Succeeded && _plan.DeleteAtProvider && _task is { } task)
            {
                await context.CallActivityAsync<bool>(ActivityNames.Delete, TaskRef(task));
            }

            if (_request.NotifyUrl is { } notifyUrl)
            {
                await NotifyAsync(new NotifyInput(input.JobId, notifyUrl, result) { TraceParent = input.TraceParent });
            }

            return result;
        }

        /// <summary>
        /// Metrics and spans come from activities, which run once per call, not from this code, which replays. Telemetry
        /// never decides a job's outcome: a failure to record it is logged and the job ends as it was going to.
        /// </summary>
        private async Task RecordOutcomeAsync(VideoJobResult result)
        {
            try
            {
                await context.CallActivityAsync<bool>(
                    ActivityNames.RecordOutcome,
                    new JobOutcome(input.JobId, _request.Provider, _request.Model, result) { TraceParent = input.TraceParent });
            }
            catch (TaskFailedException e)
            {
                context.CreateReplaySafeLogger<VideoJobOrchestrator>()
                    .LogWarning("Job {JobId}: recording its outcome failed: {Message}", input.JobId, e.Message);
            }
        }

        private ProviderTaskRef TaskRef(ProviderTask task) =>
            new(_request.Provider, _request.Model, task.TaskId) { TraceParent = input.TraceParent };

        private async Task NotifyAsync(NotifyInput notify)
        {
            for (var attempt = 1; attempt <= MaxNotifyAttempts; attempt++)
            {
                if (await context.CallActivityAsync<bool>(ActivityNames.Notify, notify))
                {
                    return;
                }

                if (attempt < MaxNotifyAttempts)
                {
                    await context.CreateTimer(context.CurrentUtcDateTime + Backoff(attempt + 1), CancellationToken.None);
                }
            }
        }

        private async Task CancelAtProviderAsync(ProviderTaskRef reference) =>
            _providerMayStillRun = !await context.CallActivityAsync<bool>(ActivityNames.Cancel, reference);

        /// <summary>
        /// <see cref="DelayUnlessCancelledAsync"/> in steps that each end by the task slot's renewal time, renewing it
        /// between steps, so a long wait never lets the slot's hold lapse.
        /// </summary>
        private async Task<bool> DelayHoldingSlotUnlessCancelledAsync(DateTime until)
        {
            DateTime end;
            do
            {
                end = await _slot.BeginWaitAsync(until);
                if (await DelayUnlessCancelledAsync(end))
                {
                    return true;
                }
            }
            while (end < until);

            return false;
        }

        /// <summary>Waits until <paramref name="fireAt"/>; returns true when a cancel request arrived first.</summary>
        private async Task<bool> DelayUnlessCancelledAsync(DateTime fireAt)
        {
            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(fireAt, timerCancellation.Token);
            if (await Task.WhenAny(timer, _cancelRequested) == timer)
            {
                return false;
            }

            timerCancellation.Cancel();
            return true;
        }

        private VideoJobResult Failed(JobError error) => Result(JobStatus.Failed) with { Error = error };

        private VideoJobResult Cancelled(string reason) =>
            Result(JobStatus.Cancelled) with { Error = new JobError(ErrorCodes.Cancelled, reason) };

        private VideoJobResult Result(JobStatus status) => new()
        {
            Status = status,
            ProviderTaskId = _task?.TaskId,
            ProviderStatus = _task?.RawStatus,
            Timings = _timings,
        };

        private void ReportGenerating(ProviderTask task) =>
            Report(JobStatus.Generating, JobProgress.GeneratingPhase(task), task.Progress);

        private void Report(JobStatus status, string phase, int? progress = null, VideoJobResult? result = null) =>
            context.SetCustomStatus(new JobProgress
            {
                Result = result,
                Status = status,
                Phase = phase,
                Progress = progress,
                ProviderTaskId = _task?.TaskId,
                ProviderStatus = _task?.RawStatus,
                UpdatedAt = context.CurrentUtcDateTime,
            });
    }
}
