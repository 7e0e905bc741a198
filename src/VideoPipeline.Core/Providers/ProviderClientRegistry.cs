using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers.Apixo;
using VideoPipeline.Core.Providers.FoxApi;
using VideoPipeline.Core.Providers.OpenAi;

namespace VideoPipeline.Core.Providers;

/// <summary>
/// Maps each <see cref="ProviderName"/> to its typed client. The clients are resolved per call: they are
/// <c>IHttpClientFactory</c> typed clients (transient), so handler rotation and DNS refresh keep working.
/// </summary>
public sealed class ProviderClientRegistry(IServiceProvider services) : IVideoProviderResolver
{
    private static readonly Dictionary<ProviderName, Type> ClientTypes = new()
    {
        [ProviderName.FoxApi] = typeof(FoxApiClient),
        [ProviderName.OpenAi] = typeof(OpenAiVideosClient),
        [ProviderName.Apixo] = typeof(ApixoClient),
    };

    public IVideoProviderClient GetClient(ProviderName provider) =>
        ClientTypes.TryGetValue(provider, out var type)
            ? (IVideoProviderClient)services.GetRequiredService(type)
            : throw new ArgumentOutOfRangeException(nameof(provider), provider, "No client is registered for this provider.");
}
