using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using VideoPipeline.Core;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Orchestration;

/// <summary>The Durable Functions orchestrator of one job: Core's <see cref="VideoJobWorkflow"/>, unchanged.</summary>
public sealed class VideoJobOrchestrator
{
    [Function(ActivityNames.Orchestrator)]
    public async Task<VideoJobResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var log = context.CreateReplaySafeLogger<VideoJobOrchestrator>();
        var input = context.GetInput<VideoJobInput>()
                    ?? throw new InvalidOperationException($"Orchestration '{context.InstanceId}' was started without a job input.");

        log.LogInformation("Job {JobId} started ({Provider}/{Model}, {WaitMode})",
            input.JobId, PipelineJson.EnumName(input.Request.Provider), input.Request.Model, PipelineJson.EnumName(input.Plan.WaitMode));
        var result = await VideoJobWorkflow.RunAsync(new DurableOrchestrationContext(context), input);
        log.LogInformation("Job {JobId} ended {Status}", input.JobId, PipelineJson.EnumName(result.Status));
        return result;
    }
}
