using System.Text.Json;
using Microsoft.DurableTask.Client;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Messages;

namespace VideoPipeline.Core.Api;

/// <summary>Builds the public job view from an orchestration instance: its input, custom status and output.</summary>
public static class JobViewFactory
{
    /// <param name="instance">An instance of the job orchestrator, read with its inputs and outputs.</param>
    /// <param name="watch">
    /// The task watch: a watched job reports nothing while it waits, so when this process runs the watch, the watch's
    /// latest check of the job's task is the fresher provider status and progress.
    /// </param>
    public static JobView Create(OrchestrationMetadata instance, TaskWatchSweeper? watch = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var input = InputOf(instance);
        var progress = Read<JobProgress>(instance.SerializedCustomStatus);
        // Only a completed instance's output is a job result: a failed one's is the engine's "Type: message" text.
        // A job that has ended but still notifies its caller carries its result in the custom status.
        var result = instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => Read<VideoJobResult>(instance.SerializedOutput),
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => null,
            _ => progress?.Result,
        };

        var (status, error) = instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Running when result is not null =>
                (result.Status, result.Error),
            OrchestrationRuntimeStatus.Failed => (JobStatus.Failed,
                new JobError("internal_error", instance.FailureDetails?.ErrorMessage ?? "The workflow failed.")),
            OrchestrationRuntimeStatus.Terminated => (JobStatus.Cancelled,
                new JobError(ErrorCodes.Cancelled, "The job was terminated.")),
            _ => (progress?.Status ?? JobStatus.Queued, (JobError?)null),
        };

        if (status == JobStatus.Generating && watch?.Latest(instance.InstanceId) is { } checkedByWatch)
        {
            progress = progress! with
            {
                Phase = JobProgress.GeneratingPhase(checkedByWatch),
                Progress = checkedByWatch.Progress,
                ProviderStatus = checkedByWatch.RawStatus,
            };
        }

        return new JobView
        {
            Id = instance.InstanceId,
            Status = status,
            Phase = progress?.Phase,
            Progress = result is null ? progress?.Progress : status == JobStatus.Succeeded ? 100 : progress?.Progress,
            Provider = new ProviderView(
                input.Request.Provider,
                input.Request.Model,
                result?.ProviderTaskId ?? progress?.ProviderTaskId,
                result?.ProviderStatus ?? progress?.ProviderStatus),
            Output = result?.Output ?? new OutputView(input.Plan.Container, input.Plan.BlobName),
            Error = error,
            BatchId = input.BatchId,
            CreatedAt = instance.CreatedAt,
            UpdatedAt = instance.LastUpdatedAt,
            CompletedAt = instance.IsCompleted ? instance.LastUpdatedAt : result?.Timings.CompletedAt,
            Timings = result?.Timings,
            TraceId = JobTrace.TraceIdOf(input.TraceParent),
        };
    }

    /// <param name="instance">An instance of the job orchestrator, read with its inputs.</param>
    public static VideoJobInput InputOf(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Read<VideoJobInput>(instance.SerializedInput)
               ?? throw new InvalidOperationException($"Instance '{instance.InstanceId}' has no job input.");
    }

    private static T? Read<T>(string? json) =>
        string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, PipelineJson.Options);
}
