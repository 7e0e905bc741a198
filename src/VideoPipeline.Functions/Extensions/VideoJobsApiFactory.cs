using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Functions.Orchestration;

namespace VideoPipeline.Functions.Extensions;

/// <summary>
/// Builds Core's per-invocation services: <see cref="VideoJobsApi"/>, the batch intake and <see cref="BatchesApi"/>.
/// Their orchestration client is the <see cref="DurableTaskClient"/> bound to the function by <c>[DurableClient]</c>, so
/// it cannot come from the container; everything else does.
/// </summary>
public sealed class VideoJobsApiFactory(IServiceProvider services)
{
    public VideoJobsApi Create(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        IOrchestrationClient orchestrations = new DurableOrchestrationClient(client);
        return ActivatorUtilities.CreateInstance<VideoJobsApi>(services, orchestrations);
    }

    public BatchIntake CreateBatchIntake(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        IOrchestrationClient orchestrations = new DurableOrchestrationClient(client);
        return ActivatorUtilities.CreateInstance<BatchIntake>(services, orchestrations);
    }

    public BatchesApi CreateBatchesApi(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        IOrchestrationClient orchestrations = new DurableOrchestrationClient(client);
        var intake = ActivatorUtilities.CreateInstance<BatchIntake>(services, orchestrations);
        return ActivatorUtilities.CreateInstance<BatchesApi>(services, intake, orchestrations);
    }
}
