using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>
/// Records how a job ended: the finished-jobs count by outcome, the time it spent in each phase, the end of its wait
/// at the provider, and a span that closes the job's trace. An activity because the orchestrator replays and must not
/// emit telemetry itself; it runs at least once, so a crash at the wrong moment may count a job twice.
/// </summary>
public sealed class RecordJobOutcomeActivity : IPipelineActivity<JobOutcome, bool>
{
    public Task<bool> RunAsync(JobOutcome input, CancellationToken cancellationToken)
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

        // The provider accepted a task for every job that has a task id; its wait was counted then.
        if (result.ProviderTaskId is not null)
        {
            PipelineTelemetry.JobLeftProvider(input.Provider, input.Model);
        }

        return Task.FromResult(true);
    }

    private static void RecordPhase(JobOutcome input, string phase, DateTime? from, DateTime? to)
    {
        if (from is { } start && to is { } end)
        {
            PipelineTelemetry.PhaseTook(input.Provider, input.Model, phase, end - start);
        }
    }
}
