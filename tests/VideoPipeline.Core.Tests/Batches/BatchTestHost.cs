using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Security;
using VideoPipeline.Core.Tests.Jobs;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Batches;

/// <summary>
/// Core's real registrations (intake, batch store, poison queue, validation, planning) on Azurite, with a recording
/// orchestration client instead of an engine. Each host has its own state container and batch queue.
/// </summary>
internal sealed class BatchTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BatchTestHost(ServiceProvider services, string queueName, string stateContainer)
    {
        _services = services;
        QueueName = queueName;
        StateContainer = stateContainer;
    }

    public string QueueName { get; }

    public string StateContainer { get; }

    public InMemoryOrchestrationClient Orchestrations => (InMemoryOrchestrationClient)_services.GetRequiredService<IOrchestrationClient>();

    public BatchIntake Intake => _services.GetRequiredService<BatchIntake>();

    public BatchesApi Api => _services.GetRequiredService<BatchesApi>();

    public BlobServiceClient Blobs => _services.GetRequiredService<BlobServiceClient>();

    public QueueClient PoisonQueue => _services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{QueueName}-poison");

    public static BatchTestHost Create(AzuriteFixture azurite, int maxItems = 1000)
    {
        var queueName = $"batches-{Guid.NewGuid():N}"[..24];
        var stateContainer = $"state-{Guid.NewGuid():N}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Pipeline:StateContainer"] = stateContainer,
            ["Batches:QueueName"] = queueName,
            ["Batches:MaxItems"] = maxItems.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddVideoPipelineCore(configuration)
            .AddPipelineStorage(configuration)
            .AddVideoProviders(configuration);
        services.Replace(ServiceDescriptor.Singleton<IHostAddressResolver, StaticHostAddressResolver>());
        services.AddSingleton<IOrchestrationClient, InMemoryOrchestrationClient>();
        return new BatchTestHost(services.BuildServiceProvider(), queueName, stateContainer);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
