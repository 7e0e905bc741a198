using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;

namespace VideoPipeline.Functions.Extensions;

/// <summary>
/// Builds Core's per-invocation services: <see cref="VideoJobsApi"/>, the batch intake and <see cref="BatchesApi"/>.
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

    private static DurableTaskClient Checked(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client;
    }
}
