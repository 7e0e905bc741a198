using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Providers.Apixo;
using VideoPipeline.Core.Providers.FoxApi;
using VideoPipeline.Core.Providers.OpenAi;

namespace VideoPipeline.Core.Extensions;

public static class ProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the three provider dialects as <c>IHttpClientFactory</c> typed clients (<see cref="FoxApiClient"/>,
    /// <see cref="OpenAiVideosClient"/>, <see cref="ApixoClient"/>), the <see cref="IVideoProviderResolver"/>, and the
    /// <see cref="StandardWebhookVerifier"/>. Binds <see cref="ProvidersOptions"/> from <c>Providers</c>, over each
    /// provider's documented limits from the <see cref="ModelCatalogue"/>, and <see cref="ProviderResilienceOptions"/>
    /// from <c>Providers:Resilience</c>.
    /// <para>
    /// Each provider client's handlers, outermost first: the provider's request budget
    /// (<see cref="ProviderConnectionOptions.RequestsPerMinute"/>, an <see cref="IProviderRequestBudget"/>; an in-process token
    /// bucket unless one is registered already), then retries (GET/DELETE only, never a submit) around a
    /// per-attempt timeout (<see cref="ProviderConnectionOptions.Timeout"/>), then the request metrics of each attempt.
    /// Bearer auth from <see cref="ProviderConnectionOptions.ApiKey"/>
    /// is set on the provider clients only; result and input media are fetched by separate clients without it.
    /// </para>
    /// </summary>
    public static IServiceCollection AddVideoProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(ModelCatalogue.Default);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ProvidersOptions>, DocumentedProviderLimits>());
        services.AddOptions<ProvidersOptions>().Bind(configuration.GetSection(ProvidersOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProvidersOptions>, ProvidersOptionsValidator>());
        services.AddOptions<ProviderResilienceOptions>().Bind(configuration.GetSection(ProviderResilienceOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProviderResilienceOptions>, ProviderResilienceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProviderRateLimiters>();
        services.TryAddSingleton<IProviderRequestBudget, TokenBucketRequestBudget>();
        services.TryAddSingleton<IVideoProviderResolver, ProviderClientRegistry>();
        services.TryAddSingleton<StandardWebhookVerifier>();

        AddProviderClient<FoxApiClient>(services, ProviderName.FoxApi);
        AddProviderClient<OpenAiVideosClient>(services, ProviderName.OpenAi);
        AddProviderClient<ApixoClient>(services, ProviderName.Apixo);

        AddMediaClient(services, ProviderHttpClientNames.ResultMedia, followRedirects: true);
        AddMediaClient(services, ProviderHttpClientNames.InputMedia, followRedirects: false);
        return services;
    }

    private static void AddProviderClient<TClient>(IServiceCollection services, ProviderName provider)
        where TClient : class, IVideoProviderClient
    {
        services.AddHttpClient<TClient>((serviceProvider, client) =>
            {
                var options = serviceProvider.GetRequiredService<IOptions<ProvidersOptions>>().Value.For(provider);
                client.Timeout = Timeout.InfiniteTimeSpan; // per attempt, in ProviderResilienceHandler
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                }
            })
            .AddHttpMessageHandler(serviceProvider =>
                new ProviderRateLimitingHandler(provider, serviceProvider.GetRequiredService<IProviderRequestBudget>()))
            .AddHttpMessageHandler(serviceProvider => new ProviderResilienceHandler(
                serviceProvider.GetRequiredService<IOptions<ProvidersOptions>>().Value.For(provider).Timeout,
                serviceProvider.GetRequiredService<IOptions<ProviderResilienceOptions>>().Value,
                serviceProvider.GetRequiredService<TimeProvider>()))
            .AddHttpMessageHandler(ProviderRequestMetrics);
    }

    private static DelegatingHandler ProviderRequestMetrics(IServiceProvider serviceProvider) =>
        new ProviderRequestMetricsHandler(serviceProvider.GetRequiredService<TimeProvider>());

    private static void AddMediaClient(IServiceCollection services, string name, bool followRedirects)
    {
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(serviceProvider =>
            {
                var options = serviceProvider.GetRequiredService<IOptions<ProviderResilienceOptions>>().Value;
                return new ProviderResilienceHandler(options.MediaTimeout, options, serviceProvider.GetRequiredService<TimeProvider>());
            })
            .AddHttpMessageHandler(ProviderRequestMetrics)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = followRedirects,
                MaxAutomaticRedirections = 5,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
    }
}
