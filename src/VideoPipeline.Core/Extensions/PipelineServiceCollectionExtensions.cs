using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Activities;
using VideoPipeline.Core.Admission;
using VideoPipeline.Core.Api;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Health;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Security;
using VideoPipeline.Core.Storage;
using VideoPipeline.Core.Telemetry;
using VideoPipeline.Core.Watch;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Extensions;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Everything both hosts share: options, the model catalogue, validation, the HTTP operations and the activities.
    /// The host adds the Durable Task engine (a <c>DurableTaskClient</c>, and a worker running
    /// <see cref="VideoPipelineTasks"/>), storage and provider clients.
    /// Provider admission keeps its state in Blob Storage, so the provider request budget registered here (shared by
    /// every process) replaces the in-process one of <c>AddVideoProviders</c>, whichever of the two is called first.
    /// </summary>
    public static IServiceCollection AddVideoPipelineCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>());
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(PipelineJson.DataConverter);
        services.TryAddSingleton(ModelCatalogue.Default);
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<MediaUrlPolicy>();
        services.AddSingleton<CallbackAvailability>();
        services.AddHostedService<CallbackAddressCheck>();
        services.AddSingleton<CallbackTokens>();
        services.AddSingleton<JobRequestValidator>();
        services.AddSingleton<JobPlanner>();
        services.AddSingleton<PipelineStateContainer>();
        services.AddSingleton<SubmissionLedger>();
        services.AddSingleton<ProviderTaskIndex>();
        services.AddTransient<VideoJobsApi>();
        services.AddTransient<ReadinessApi>();
        foreach (var activity in VideoPipelineTasks.Activities)
        {
            services.AddTransient(activity.ActivityType);
        }

        AddAdmission(services, configuration);
        AddTaskWatch(services, configuration);
        AddBatches(services, configuration);
        services.AddHttpClient(NotifyCallerActivity.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    private static void AddAdmission(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdmissionOptions>().Bind(configuration.GetSection(AdmissionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>());
        services.AddSingleton<TaskSlotStore>();
        services.RemoveAll<IProviderRequestBudget>();
        services.AddSingleton<IProviderRequestBudget, BlobRequestBudget>();
    }

    /// <summary>The task watch's registrations and rounds; the host runs the rounds (a lease-holding loop, or a timer trigger).</summary>
    private static void AddTaskWatch(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TaskWatchOptions>().Bind(configuration.GetSection(TaskWatchOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TaskWatchOptions>, TaskWatchOptionsValidator>());
        services.AddSingleton<TaskWatchRegistry>();
        services.AddSingleton<TaskWatchSweeper>();
    }

    /// <summary>The batch intake hosts call with queue messages (<see cref="IBatchMessageHandler"/>) and HTTP bodies.</summary>
    private static void AddBatches(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BatchOptions>().Bind(configuration.GetSection(BatchOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BatchOptions>, BatchOptionsValidator>());
        services.AddSingleton<BatchStore>();
        services.AddSingleton<BatchItemsBlobReader>();
        services.AddSingleton<BatchPoisonQueue>();
        services.AddSingleton<BatchIntake>();
        services.AddSingleton<IBatchMessageHandler>(sp => sp.GetRequiredService<BatchIntake>());
        services.AddTransient<BatchesApi>();
    }
}
