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
    public VideoJobsApi Create(DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<VideoJobsApi>(services, Orchestrations(client));

    public BatchIntake CreateBatchIntake(DurableTaskClient client) => CreateBatchIntake(Orchestrations(client));

    public BatchesApi CreateBatchesApi(DurableTaskClient client)
    {
        var orchestrations = Orchestrations(client);
        return ActivatorUtilities.CreateInstance<BatchesApi>(services, CreateBatchIntake(orchestrations), orchestrations);
    }

    private BatchIntake CreateBatchIntake(IOrchestrationClient orchestrations) =>
        ActivatorUtilities.CreateInstance<BatchIntake>(services, orchestrations);

    private static IOrchestrationClient Orchestrations(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new DurableOrchestrationClient(client);
    }
}
