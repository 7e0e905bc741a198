using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Testing.Http;

namespace VideoPipeline.Core.Tests.Providers.Infrastructure;

/// <summary>
/// The production registration (<c>AddVideoProviders</c>) pointed at a scripted server: FoxAPI at its root, OpenAI
/// under <c>/v1</c>, APIXO under <c>/api/v1</c> (so base-path handling is exercised too). Retry delays are short.
/// </summary>
public sealed class ProviderTestHost : IAsyncDisposable
{
    public const string FoxApiKey = "fox-secret-key";
    public const string OpenAiKey = "openai-secret-key";
    public const string ApixoKey = "apixo-secret-key";

    private readonly ServiceProvider _services;

    private ProviderTestHost(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    /// <summary>For tests that make no HTTP call (parsing): the base URLs point at a closed port.</summary>
    public static ProviderTestHost CreateOffline() => Create(new Uri("http://127.0.0.1:9/"));

    public static ProviderTestHost Create(ScriptedHttpServer server, IDictionary<string, string?>? overrides = null) =>
        Create(server.BaseUrl, overrides);

    public static ProviderTestHost Create(Uri baseUrl, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Providers:FoxApi:BaseUrl"] = baseUrl.AbsoluteUri,
            ["Providers:FoxApi:ApiKey"] = FoxApiKey,
            ["Providers:OpenAi:BaseUrl"] = new Uri(baseUrl, "v1").AbsoluteUri,
            ["Providers:OpenAi:ApiKey"] = OpenAiKey,
            ["Providers:Apixo:BaseUrl"] = new Uri(baseUrl, "api/v1").AbsoluteUri,
            ["Providers:Apixo:ApiKey"] = ApixoKey,
            ["Providers:Resilience:MaxRetryAttempts"] = "2",
            ["Providers:Resilience:BaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ProviderTestHost(new ServiceCollection().AddVideoProviders(configuration).BuildServiceProvider());
    }

    public IVideoProviderClient Client(ProviderName provider) =>
        _services.GetRequiredService<IVideoProviderResolver>().GetClient(provider);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
