using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Functions.Orchestration;

/// <summary>The orchestration trigger of a job: Core's <see cref="VideoJobOrchestrator"/>, the class the local host runs too.</summary>
public sealed class VideoJobOrchestratorFunction
{
    [Function(ActivityNames.Orchestrator)]
    public Task<VideoJobResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new VideoJobOrchestrator().RunAsync(context, context.GetInput<VideoJobInput>()!);
    }
}
