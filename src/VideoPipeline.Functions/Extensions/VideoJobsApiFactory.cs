using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Functions.Orchestration;

namespace VideoPipeline.Functions.Extensions;

/// <summary>
/// Builds Core's <see cref="VideoJobsApi"/> for one invocation. The orchestration client is the
/// <see cref="DurableTaskClient"/> bound to the function by <c>[DurableClient]</c>, so it cannot come from the container;
/// everything else does.
/// </summary>
public sealed class VideoJobsApiFactory(IServiceProvider services)
{
    public VideoJobsApi Create(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        IOrchestrationClient orchestrations = new DurableOrchestrationClient(client);
        return ActivatorUtilities.CreateInstance<VideoJobsApi>(services, orchestrations);
    }
}
