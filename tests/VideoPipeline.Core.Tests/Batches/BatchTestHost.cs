using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Security;
using VideoPipeline.Core.Tests.Jobs;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Engine;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Batches;

/// <summary>
/// Core's real registrations (intake, batch store, poison queue, validation, planning) on Azurite, with the Durable
/// Task engine on the Azure Storage provider in the same Azurite. The job orchestrator is a stand-in that ends with whatever
/// outcome a test sends it: batch intake and batch views are under test here, not the workflow. Each host has its own
/// task hub, state container and batch queue.
/// </summary>
internal sealed class BatchTestHost : IAsyncDisposable
{
    private const string OutcomeEvent = "TestOutcome";

    private readonly IHost _host;

    private BatchTestHost(IHost host, string queueName, string stateContainer)
    {
        _host = host;
        QueueName = queueName;
        StateContainer = stateContainer;
    }

    public string QueueName { get; }

    public string StateContainer { get; }

    /// <summary>Counts instance creations and injects failures at the engine's storage boundary.</summary>
    public CountingOrchestrationServiceClient Engine => _host.Services.GetRequiredService<CountingOrchestrationServiceClient>();

    public DurableTaskClient Durable => _host.Services.GetRequiredService<DurableTaskClient>();

    public BatchIntake Intake => _host.Services.GetRequiredService<BatchIntake>();

    public BatchesApi Api => _host.Services.GetRequiredService<BatchesApi>();

    public BlobServiceClient Blobs => _host.Services.GetRequiredService<BlobServiceClient>();

    public QueueClient PoisonQueue => _host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{QueueName}-poison");

    public static async Task<BatchTestHost> StartAsync(AzuriteFixture azurite, int maxItems = 1000)
    {
        var queueName = $"batches-{Guid.NewGuid():N}"[..24];
        var stateContainer = $"state-{Guid.NewGuid():N}";
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Pipeline:StateContainer"] = stateContainer,
            ["Batches:QueueName"] = queueName,
            ["Batches:MaxItems"] = maxItems.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DurableTask:TaskHubName"] = $"batches{Guid.NewGuid():N}"[..24],
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.5",
        });
        var services = builder.Services;
        services.AddVideoPipelineCore(builder.Configuration)
            .AddPipelineStorage(builder.Configuration)
            .AddVideoProviders(builder.Configuration);
        services.Replace(ServiceDescriptor.Singleton<IHostAddressResolver, StaticHostAddressResolver>());

        services.AddAzureStorageOrchestrationService(builder.Configuration);
        services.AddSingleton(sp => new CountingOrchestrationServiceClient(sp.GetRequiredService<IOrchestrationService>() as IOrchestrationServiceClient
                                                                            ?? throw new InvalidOperationException("The task hub has no client side.")));
        services.Replace(ServiceDescriptor.Singleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<CountingOrchestrationServiceClient>()));
        services.AddDurableTaskWorker(worker => worker
            .AddTasks(tasks => tasks.AddOrchestratorFunc<VideoJobInput, VideoJobResult>(
                ActivityNames.Orchestrator, (context, _) => context.WaitForExternalEvent<VideoJobResult>(OutcomeEvent)))
            .UseOrchestrationService());
        services.AddDurableTaskClient(client => client.UseOrchestrationService());

        var host = builder.Build();
        await host.StartAsync();
        return new BatchTestHost(host, queueName, stateContainer);
    }

    /// <summary>The input a job was started with, as the engine stored it.</summary>
    public async Task<VideoJobInput> InputAsync(string jobId)
    {
        var instance = await Durable.GetJobInstanceAsync(jobId, CancellationToken.None)
                       ?? throw new InvalidOperationException($"Job '{jobId}' was not started.");
        return PipelineJson.DataConverter.Deserialize<VideoJobInput>(instance.SerializedInput)!;
    }

    public async Task<int> CountInstancesAsync()
    {
        var count = 0;
        await foreach (var _ in Durable.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            count++;
        }

        return count;
    }

    /// <summary>Ends a job's (stand-in) orchestration with the given result and waits until the engine has recorded it.</summary>
    public async Task<OrchestrationMetadata> FinishAsync(string jobId, VideoJobResult result)
    {
        await Durable.RaiseEventAsync(jobId, OutcomeEvent, result);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Durable.WaitForInstanceCompletionAsync(jobId, getInputsAndOutputs: true, guard.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
