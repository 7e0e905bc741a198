using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Apixo;
using VideoPipeline.Emulator.Callbacks;
using VideoPipeline.Emulator.Faults;
using VideoPipeline.Emulator.FoxApi;
using VideoPipeline.Emulator.Limits;
using VideoPipeline.Emulator.Media;
using VideoPipeline.Emulator.OpenAi;
using VideoPipeline.Emulator.Stats;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator;

/// <summary>Hosts the emulator in any ASP.NET Core app: <c>AddEmulator()</c> for services, <c>MapEmulator()</c> for routes.</summary>
public static class EmulatorExtensions
{
    /// <summary>
    /// Standalone set-up: binds the <c>Emulator</c> configuration section and listens on
    /// <see cref="EmulatorOptions.DefaultUrl"/> unless <c>Urls</c> is configured.
    /// </summary>
    public static WebApplicationBuilder AddEmulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(EmulatorOptions.DefaultUrl);
        }

        var section = builder.Configuration.GetSection(EmulatorOptions.SectionName);
        builder.Services.AddEmulator(options => Bind(section, options));
        return builder;
    }

    public static IServiceCollection AddEmulator(this IServiceCollection services, Action<EmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<EmulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TaskStore>();
        services.TryAddSingleton<EmulatorStats>();
        services.TryAddSingleton<FirstAttemptRegistry>();
        services.TryAddSingleton<RequestRateLimiter>();
        services.TryAddSingleton<MediaAssets>();
        services.TryAddSingleton<SubmissionService>();
        services.TryAddSingleton<CallbackDispatcher>();
        services.TryAddSingleton<CallbackScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CallbackScheduler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICallbackChannel, FoxApiCallbackChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICallbackChannel, OpenAiWebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICallbackChannel, ApixoCallbackChannel>());

        // Per-attempt timeouts come from each provider's callback options, so the client itself never times out.
        services.AddHttpClient(CallbackDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }

    public static IEndpointRouteBuilder MapEmulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        FoxApiEndpoints.Map(endpoints);
        OpenAiEndpoints.Map(endpoints);
        ApixoEndpoints.Map(endpoints);
        MediaEndpoints.Map(endpoints);
        AdminEndpoints.Map(endpoints);
        return endpoints;
    }

    private static void Bind(IConfiguration section, EmulatorOptions options)
    {
        section.Bind(options);

        // The binder appends configured array items to an array's defaults; a configured schedule must replace them.
        ReplaceDelays(section.GetSection("FoxApi:Callbacks:RetryDelays"), options.FoxApi.Callbacks);
        ReplaceDelays(section.GetSection("OpenAi:Webhooks:RetryDelays"), options.OpenAi.Webhooks);
        ReplaceDelays(section.GetSection("Apixo:Callbacks:RetryDelays"), options.Apixo.Callbacks);
    }

    private static void ReplaceDelays(IConfigurationSection configured, CallbackOptions callbacks)
    {
        if (configured.Exists())
        {
            callbacks.RetryDelays = configured.Get<TimeSpan[]>() ?? [];
        }
    }
}
