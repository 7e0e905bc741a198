using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Security;
using VideoPipeline.Core.Storage;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Extensions;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Everything both hosts share: options, the model catalogue, validation, the HTTP operations and the activities.
    /// The host adds its orchestration engine (<see cref="IOrchestrationClient"/>), storage and provider clients.
    /// </summary>
    public static IServiceCollection AddVideoPipelineCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ModelCatalogue.Default);
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<MediaUrlPolicy>();
        services.AddSingleton<CallbackAvailability>();
        services.AddSingleton<CallbackTokens>();
        services.AddSingleton<JobRequestValidator>();
        services.AddSingleton<JobPlanner>();
        services.AddSingleton<PipelineStateContainer>();
        services.AddSingleton<SubmissionLedger>();
        services.AddSingleton<ProviderTaskIndex>();
        services.AddTransient<VideoJobsApi>();
        services.AddTransient<SubmitVideoJobActivity>();
        services.AddTransient<CheckVideoStatusActivity>();
        services.AddTransient<CancelProviderTaskActivity>();
        services.AddTransient<DeleteProviderVideoActivity>();
        services.AddTransient<ArchiveVideoActivity>();
        services.AddTransient<NotifyCallerActivity>();
        services.AddHttpClient(NotifyCallerActivity.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
