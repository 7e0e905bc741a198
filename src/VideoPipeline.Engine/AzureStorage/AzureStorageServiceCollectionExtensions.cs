using Azure.Identity;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Engine;

public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="AzureStorageOrchestrationService"/> (the provider Durable Functions uses) as the
    /// <see cref="IOrchestrationService"/> and <see cref="IOrchestrationServiceClient"/> that
    /// <c>UseOrchestrationService()</c> workers and clients run on. The task hub is configured by
    /// <see cref="DurableTaskEngineOptions"/> (<c>DurableTask</c>) in the account of <see cref="TaskHubStorageOptions"/>
    /// (<c>Storage</c>); invalid settings fail the host at start, and the worker creates the hub if it does not exist.
    /// </summary>
    public static IServiceCollection AddAzureStorageOrchestrationService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DurableTaskEngineOptions>().Bind(configuration.GetSection(DurableTaskEngineOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTaskEngineOptions>, DurableTaskEngineOptionsValidator>());
        services.AddOptions<TaskHubStorageOptions>().Bind(configuration.GetSection(TaskHubStorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TaskHubStorageOptions>, TaskHubStorageOptionsValidator>());

        services.TryAddSingleton(provider => new AzureStorageOrchestrationService(CreateSettings(
            provider.GetRequiredService<IOptions<DurableTaskEngineOptions>>().Value,
            provider.GetRequiredService<IOptions<TaskHubStorageOptions>>().Value,
            provider.GetRequiredService<ILoggerFactory>())));
        services.TryAddSingleton<IOrchestrationService>(provider => provider.GetRequiredService<AzureStorageOrchestrationService>());
        services.TryAddSingleton<IOrchestrationServiceClient>(provider => provider.GetRequiredService<AzureStorageOrchestrationService>());
        return services;
    }

    internal static AzureStorageOrchestrationServiceSettings CreateSettings(
        DurableTaskEngineOptions engine, TaskHubStorageOptions storage, ILoggerFactory loggerFactory) => new()
    {
        TaskHubName = engine.TaskHubName,
        PartitionCount = engine.PartitionCount,
        MaxQueuePollingInterval = engine.MaxQueuePollingInterval,
        ControlQueueVisibilityTimeout = engine.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = engine.WorkItemQueueVisibilityTimeout,
        WorkerId = engine.WorkerId,
        MaxConcurrentTaskActivityWorkItems = engine.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = engine.MaxConcurrentOrchestrations,
        UseTablePartitionManagement = engine.UseTablePartitionManagement,

        // As Durable Functions: a refused duplicate start is an error, not a silent no-op.
        ThrowExceptionOnInvalidDedupeStatus = true,

        ExtendedSessionsEnabled = engine.ExtendedSessionsEnabled,
        ExtendedSessionIdleTimeout = engine.ExtendedSessionIdleTimeout,
        StorageAccountClientProvider = CreateClientProvider(storage),
        LoggerFactory = loggerFactory,
    };

    private static StorageAccountClientProvider CreateClientProvider(TaskHubStorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            return new StorageAccountClientProvider(storage.ConnectionString);
        }

        // Validation at start guarantees all three service URIs when there is no connection string.
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = storage.ManagedIdentityClientId,
        });
        return new StorageAccountClientProvider(storage.BlobServiceUri!, storage.QueueServiceUri!, storage.TableServiceUri!, credential);
    }
}
