using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;

namespace VideoPipeline.Core.Workflow;

/// <summary>How the API and the batch intake read and start jobs on the engine's <see cref="DurableTaskClient"/>.</summary>
public static partial class VideoJobClientExtensions
{
    // Instances read at once for a list of jobs: enough to overlap storage round trips.
    private const int ReadParallelism = 16;

    /// <summary>
    /// The job with this id: the job orchestrator's instance, with its input, output and custom status. Null for an
    /// unknown id, for an instance of something else, and for an id no job can have (never sent to the engine).
    /// </summary>
    public static async Task<OrchestrationMetadata?> GetJobInstanceAsync(
        this DurableTaskClient client, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!IsWellFormedJobId(jobId))
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken);
        return instance?.Name == ActivityNames.Orchestrator ? instance : null;
    }

    /// <summary>
    /// Starts the job orchestrator under the job's id unless an instance with that id exists: a retried request or a
    /// redelivered batch never starts a job twice. Engines differ in how they refuse an id that exists (and some replace
    /// a finished instance), so the id is looked up first, and a start that fails is answered by looking again: when
    /// the instance exists now, a concurrent start of the same job won.
    /// </summary>
    /// <remarks>
    /// The job's trace starts here (<see cref="JobTrace.StartSpan"/>): under the caller's span for a job of its own (the
    /// HTTP request's), as a trace of its own linked to the caller's for a job of a batch. Its <c>traceparent</c> goes
    /// into the input, and the started job is counted.
    /// </remarks>
    /// <returns>True when this call started the job.</returns>
    public static async Task<bool> StartJobAsync(
        this DurableTaskClient client, VideoJobInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        if (await ExistsAsync(client, input.JobId, cancellationToken))
        {
            return false;
        }

        using var span = input.BatchId is null
            ? PipelineTelemetry.Source.StartActivity(JobTrace.StartSpan)
            : JobTrace.StartRoot(JobTrace.StartSpan);
        span?.SetTag(TelemetryTags.JobId, input.JobId);
        span?.SetTag(TelemetryTags.BatchId, input.BatchId);
        span?.SetTag(TelemetryTags.Provider, PipelineJson.EnumName(input.Request.Provider));
        span?.SetTag(TelemetryTags.Model, input.Request.Model);
        input = input with { TraceParent = JobTrace.TraceParentOf(span ?? Activity.Current) };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                ActivityNames.Orchestrator, input, new StartOrchestrationOptions(input.JobId), cancellationToken);
            PipelineTelemetry.JobStarted(input.Request, input.BatchId is null ? "api" : "batch");
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (await ExistsAsync(client, input.JobId, cancellationToken))
            {
                return false;
            }

            JobTrace.SetError(span, e.GetType().FullName!);
            throw;
        }
    }

    /// <summary>Reads the views of the given jobs, a few at a time; unknown ids are left out.</summary>
    /// <param name="watch">The task watch, whose latest checks the views show (see <see cref="JobViewFactory.Create"/>); null for status only.</param>
    public static async Task<IReadOnlyDictionary<string, JobView>> GetJobViewsAsync(
        this DurableTaskClient client, IEnumerable<string> jobIds, TaskWatchSweeper? watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var views = new ConcurrentDictionary<string, JobView>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            jobIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (jobId, ct) =>
            {
                if (await client.GetJobInstanceAsync(jobId, ct) is { } instance)
                {
                    views[jobId] = JobViewFactory.Create(instance, watch);
                }
            });
        return views;
    }

    /// <summary>Job ids: <c>job-</c> ids of single jobs and the ids of batch items (letters, digits, '-' and '_').</summary>
    public static bool IsWellFormedJobId(string? jobId) => jobId is not null && JobIdPattern().IsMatch(jobId);

    private static async Task<bool> ExistsAsync(DurableTaskClient client, string jobId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken) is not null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex JobIdPattern();
}
