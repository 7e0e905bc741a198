using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Functions.Extensions;

namespace VideoPipeline.Functions.Tests.Infrastructure;

/// <summary>
/// The Functions host's real service registrations (<see cref="FunctionsServiceCollectionExtensions"/>) over settings
/// that need no network: storage clients are only constructed, never called, by the operations under test.
/// </summary>
public static class TestServices
{
    public const string CallbackSecret = "functions-tests-callback-secret";

    public static ServiceProvider Create(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Pipeline:PublicBaseUrl"] = "https://videos.example.com",
            ["Pipeline:CallbackSecret"] = CallbackSecret,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVideoPipelineFunctions(configuration);
        return services.BuildServiceProvider();
    }
}
