using Microsoft.Extensions.Options;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Local.Queues;

namespace VideoPipeline.Local.Extensions;

public static class LocalHostBuilderExtensions
{
    /// <summary>
    /// The local host: Core's services, storage, provider clients, the local durable runtime running the video
    /// job workflow and its activities under the same names the Functions host uses, and the batch queue listener.
    /// </summary>
    public static WebApplicationBuilder AddLocalVideoPipeline(this WebApplicationBuilder builder)
    {
        // Kestrel's "Request starting" lines include the query string, and callback URLs carry per-job tokens there;
        // set in code so no logging configuration can turn them back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<LocalHostOptions>().Bind(configuration.GetSection(LocalHostOptions.SectionName));
        services.AddVideoPipelineCore(configuration);
        services.AddPipelineStorage(configuration);
        services.AddVideoProviders(configuration);
        services.AddSingleton<IPostConfigureOptions<ProvidersOptions>, EmulatorFallback>();
        services.AddLocalDurableRuntime(configuration, runtime => runtime
            .AddOrchestrator<VideoJobInput, VideoJobResult>(ActivityNames.Orchestrator, VideoJobWorkflow.RunAsync)
            .AddActivity<SubmitJobInput, ProviderCallResult>(ActivityNames.Submit, (sp, input, ct) =>
                sp.GetRequiredService<SubmitVideoJobActivity>().RunAsync(input, ct))
            .AddActivity<ProviderTaskRef, ProviderCallResult>(ActivityNames.CheckStatus, (sp, input, ct) =>
                sp.GetRequiredService<CheckVideoStatusActivity>().RunAsync(input, ct))
            .AddActivity<ArchiveVideoInput, ArchiveVideoResult>(ActivityNames.Archive, (sp, input, ct) =>
                sp.GetRequiredService<ArchiveVideoActivity>().RunAsync(input, ct))
            .AddActivity<ProviderTaskRef, bool>(ActivityNames.Cancel, (sp, input, ct) =>
                sp.GetRequiredService<CancelProviderTaskActivity>().RunAsync(input, ct))
            .AddActivity<ProviderTaskRef, bool>(ActivityNames.Delete, (sp, input, ct) =>
                sp.GetRequiredService<DeleteProviderVideoActivity>().RunAsync(input, ct))
            .AddActivity<NotifyInput, bool>(ActivityNames.Notify, (sp, input, ct) =>
                sp.GetRequiredService<NotifyCallerActivity>().RunAsync(input, ct))
            .AddActivity<TaskSlotRequest, TaskSlotGrant>(ActivityNames.AcquireTaskSlot, (sp, input, ct) =>
                sp.GetRequiredService<AcquireTaskSlotActivity>().RunAsync(input, ct))
            .AddActivity<TaskSlotRelease, bool>(ActivityNames.ReleaseTaskSlot, (sp, input, ct) =>
                sp.GetRequiredService<ReleaseTaskSlotActivity>().RunAsync(input, ct)));
        services.AddOptions<BatchQueueListenerOptions>()
            .Bind(configuration.GetSection(BatchQueueListenerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<BatchQueueListener>();
        return builder;
    }
}
