using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Engine;
using VideoPipeline.Local.Queues;
using VideoPipeline.Local.Watch;

namespace VideoPipeline.Local.Extensions;

public static class LocalHostBuilderExtensions
{
    /// <summary>
    /// The local host: Core's services, storage and provider clients; the Durable Task engine Durable Functions runs
    /// on (DurableTask.Core with the Azure Storage provider, on the same storage account) running the job orchestrator
    /// and its activities, and its client for the HTTP API; the batch queue listener; the task watch; and OpenTelemetry
    /// (<see cref="LocalTelemetryExtensions.AddLocalTelemetry"/>).
    /// </summary>
    public static WebApplicationBuilder AddLocalVideoPipeline(this WebApplicationBuilder builder)
    {
        // Kestrel's "Request starting" lines include the query string, and callback URLs carry per-job tokens there;
        // set in code so no logging configuration can turn them back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<LocalHostOptions>().Bind(configuration.GetSection(LocalHostOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalHostOptions>, LocalHostOptionsValidator>());
        services.AddVideoPipelineCore(configuration);
        services.AddPipelineStorage(configuration);
        services.AddVideoProviders(configuration);
        services.AddSingleton<IPostConfigureOptions<ProvidersOptions>, EmulatorFallback>();

        services.AddAzureStorageOrchestrationService(configuration);
        services.AddDurableTaskWorker(worker => worker
            .AddTasks(tasks => tasks.AddVideoPipelineTasks())
            .UseOrchestrationService());
        services.AddDurableTaskClient(client => client.UseOrchestrationService());

        services.AddOptions<BatchQueueListenerOptions>().Bind(configuration.GetSection(BatchQueueListenerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BatchQueueListenerOptions>, BatchQueueListenerOptionsValidator>());
        services.AddHostedService<BatchQueueListener>();
        services.AddHostedService<TaskWatchService>();
        return builder.AddLocalTelemetry();
    }
}
