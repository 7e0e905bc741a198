using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Archive;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Extensions;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BlobServiceClient"/> and <see cref="QueueServiceClient"/> from the <c>Storage</c> section
    /// (a connection string, or service URIs with <see cref="DefaultAzureCredential"/>), the
    /// <see cref="IVideoArchiver"/> and the <see cref="IBlobReadUrlIssuer"/>. Invalid settings fail the host at start.
    /// </summary>
    public static IServiceCollection AddPipelineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddOptions<ArchiveOptions>().Bind(configuration.GetSection(ArchiveOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>());

        services.AddAzureClients(clients =>
        {
            clients.UseCredential(provider => new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = provider.GetRequiredService<IOptions<StorageOptions>>().Value.ManagedIdentityClientId,
            }));

            clients.AddClient<BlobServiceClient, BlobClientOptions>((clientOptions, credential, provider) =>
            {
                var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                return string.IsNullOrWhiteSpace(storage.ConnectionString)
                    ? new BlobServiceClient(storage.BlobServiceUri, credential, clientOptions)
                    : new BlobServiceClient(storage.ConnectionString, clientOptions);
            });

            clients.AddClient<QueueServiceClient, QueueClientOptions>((clientOptions, credential, provider) =>
            {
                // The Azure Functions queue trigger expects Base64 bodies by default; both hosts share the queues.
                clientOptions.MessageEncoding = QueueMessageEncoding.Base64;
                var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                return string.IsNullOrWhiteSpace(storage.ConnectionString)
                    ? new QueueServiceClient(storage.QueueServiceUri, credential, clientOptions)
                    : new QueueServiceClient(storage.ConnectionString, clientOptions);
            });
        });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IVideoArchiver, BlobVideoArchiver>();
        services.TryAddSingleton<IBlobReadUrlIssuer, BlobReadUrlIssuer>();
        return services;
    }
}
