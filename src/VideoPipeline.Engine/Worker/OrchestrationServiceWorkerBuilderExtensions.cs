using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipeline.Engine;

public static class OrchestrationServiceWorkerBuilderExtensions
{
    /// <summary>
    /// Runs this Durable Task worker on DurableTask.Core's <see cref="TaskHubWorker"/> over the
    /// <see cref="IOrchestrationService"/> registered in dependency injection (see
    /// <see cref="AzureStorageServiceCollectionExtensions.AddAzureStorageOrchestrationService"/>), with the orchestrators and
    /// activities added through <c>AddTasks</c>.
    /// </summary>
    public static IDurableTaskWorkerBuilder UseOrchestrationService(this IDurableTaskWorkerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<OrchestrationServiceWorkerOptions>(builder.Name)
            .PostConfigure<IServiceProvider>((options, services) => options.Service ??= services.GetService<IOrchestrationService>())
            .Validate(
                options => options.Service is not null,
                $"The Durable Task worker needs a DurableTask.Core {nameof(IOrchestrationService)} in dependency injection: " +
                $"call {nameof(AzureStorageServiceCollectionExtensions.AddAzureStorageOrchestrationService)} or register one.");
        return builder.UseBuildTarget<OrchestrationServiceWorker, OrchestrationServiceWorkerOptions>();
    }
}
