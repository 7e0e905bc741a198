using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Health;

namespace VideoPipeline.Functions.Extensions;

/// <summary>
/// Builds Core's per-invocation services: <see cref="VideoJobsApi"/>, the batch intake, <see cref="BatchesApi"/> and
/// <see cref="ReadinessApi"/>.
/// They take the <see cref="DurableTaskClient"/> bound to the function by <c>[DurableClient]</c>, which cannot come
/// from the container; everything else does.
/// </summary>
public sealed class VideoJobsApiFactory(IServiceProvider services)
{
    public VideoJobsApi Create(DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<VideoJobsApi>(services, Checked(client));

    public BatchIntake CreateBatchIntake(DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<BatchIntake>(services, Checked(client));

    public BatchesApi CreateBatchesApi(DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<BatchesApi>(services, CreateBatchIntake(client), client);

    public ReadinessApi CreateReadinessApi(DurableTaskClient client) =>
        ActivatorUtilities.CreateInstance<ReadinessApi>(services, Checked(client));

    private static DurableTaskClient Checked(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client;
    }
}
