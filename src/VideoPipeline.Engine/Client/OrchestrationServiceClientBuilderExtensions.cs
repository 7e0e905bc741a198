using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipeline.Engine;

public static class OrchestrationServiceClientBuilderExtensions
{
    /// <summary>
    /// Makes this <see cref="DurableTaskClient"/> talk to the DurableTask.Core <see cref="IOrchestrationServiceClient"/>
    /// registered in dependency injection (see
    /// <see cref="AzureStorageServiceCollectionExtensions.AddAzureStorageOrchestrationService"/>), serializing inputs and
    /// events with <see cref="DurableTaskClientOptions.DataConverter"/>.
    /// </summary>
    public static IDurableTaskClientBuilder UseOrchestrationService(this IDurableTaskClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<OrchestrationServiceClientOptions>(builder.Name)
            .PostConfigure<IServiceProvider>((options, services) => options.Client ??= services.GetService<IOrchestrationServiceClient>())
            .Validate(
                options => options.Client is not null,
                $"The Durable Task client needs a DurableTask.Core {nameof(IOrchestrationServiceClient)} in dependency injection: " +
                $"call {nameof(AzureStorageServiceCollectionExtensions.AddAzureStorageOrchestrationService)} or register one.");
        return builder.UseBuildTarget<OrchestrationServiceClient, OrchestrationServiceClientOptions>();
    }
}
