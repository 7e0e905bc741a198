using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoPipeline.Core.Workflow;
using VideoPipeline.Local.Runtime;

namespace VideoPipeline.Local.Extensions;

public static class LocalRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the local durable runtime: an <see cref="IOrchestrationClient"/> and a hosted service running instances,
    /// with <see cref="LocalRuntimeOptions"/> bound from the <c>LocalRuntime</c> section of
    /// <paramref name="configuration"/>. Storage is the <see cref="BlobServiceClient"/> registered by the host.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddLocalDurableRuntime(configuration, runtime => runtime
    ///     .AddOrchestrator&lt;JobInput, JobResult&gt;("VideoJob", (context, input) => workflow.RunAsync(context, input))
    ///     .AddActivity&lt;SubmitInput, SubmitResult&gt;("SubmitJob", (services, input, cancellationToken) =>
    ///         services.GetRequiredService&lt;SubmitActivity&gt;().RunAsync(input, cancellationToken)));
    /// </code>
    /// </example>
    public static IServiceCollection AddLocalDurableRuntime(
        this IServiceCollection services, IConfiguration configuration, Action<LocalRuntimeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(LocalRuntimeRegistry)))
        {
            throw new InvalidOperationException("The local durable runtime is already added.");
        }

        var builder = new LocalRuntimeBuilder();
        configure(builder);

        services.AddOptions<LocalRuntimeOptions>()
            .Bind(configuration.GetSection(LocalRuntimeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(builder.Registry);
        services.AddSingleton<RuntimeStorage>();
        services.AddSingleton<JournalStore>();
        services.AddSingleton<InboxStore>();
        services.AddSingleton<InstanceIndex>();
        services.AddSingleton<ActivityExecutor>();
        services.AddSingleton<LocalDurableRuntime>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalDurableRuntime>());
        services.AddSingleton<IOrchestrationClient, LocalOrchestrationClient>();
        return services;
    }
}
