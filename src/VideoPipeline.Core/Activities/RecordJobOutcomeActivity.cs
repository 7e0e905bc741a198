using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>
/// Records how a job ended: the finished-jobs count by outcome, the time it spent in each phase, the end of its wait
/// at the provider, and a span that closes the job's trace; and ends the job's task watch registration, since a job
/// that a callback (or a cancellation, or its deadline) ended was never told by the watch, which would otherwise check
/// the task once more when next due — a provider request out of a rate-limited budget. An activity because the
/// orchestrator replays and must not emit telemetry itself; it runs at least once, so a crash at the wrong moment may
/// count a job twice.
/// </summary>
public sealed class RecordJobOutcomeActivity(TaskWatchSweeper watch) : IPipelineActivity<JobOutcome, bool>
{
    public async Task<bool> RunAsync(JobOutcome input, CancellationToken cancellationToken)
    {
        var result = input.Result;
        var status = PipelineJson.EnumName(result.Status);
        using var span = JobTrace.StartForJob(
            ActivityNames.RecordOutcome, input.TraceParent, input.JobId, input.Provider, input.Model);
        span?.SetTag(TelemetryTags.JobStatus, status);
        if (result.Error is { } error)
        {
            JobTrace.SetError(span, error.Code);
        }

        PipelineTelemetry.JobFinished(input.Provider, input.Model, result.Status, result.Error?.Code);
        var timings = result.Timings;
        RecordPhase(input, "submit", timings.StartedAt, timings.SubmittedAt);
        RecordPhase(input, "generate", timings.SubmittedAt, timings.GeneratedAt);
        RecordPhase(input, "archive", timings.GeneratedAt, timings.ArchivedAt);
        if (timings.CompletedAt is { } completed)
        {
            PipelineTelemetry.JobTook(input.Provider, input.Model, result.Status, completed - timings.StartedAt);
        }

        // The provider accepted a task for every job that has a task id; its wait was counted then, and only such a
        // job can have registered its task with the watch.
        if (result.ProviderTaskId is not null)
        {
            PipelineTelemetry.JobLeftProvider(input.Provider, input.Model);
            await watch.ForgetAsync(input.JobId, cancellationToken);
        }

        return true;
    }

    private static void RecordPhase(JobOutcome input, string phase, DateTime? from, DateTime? to)
    {
        if (from is { } start && to is { } end)
        {
            PipelineTelemetry.PhaseTook(input.Provider, input.Model, phase, end - start);
        }
    }
}
