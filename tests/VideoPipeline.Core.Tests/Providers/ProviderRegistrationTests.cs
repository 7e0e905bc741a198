using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Providers.Apixo;
using VideoPipeline.Core.Providers.FoxApi;
using VideoPipeline.Core.Providers.OpenAi;

namespace VideoPipeline.Core.Tests.Providers;

public sealed class ProviderRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddVideoProviders(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Theory]
    [InlineData(ProviderName.FoxApi, typeof(FoxApiClient))]
    [InlineData(ProviderName.OpenAi, typeof(OpenAiVideosClient))]
    [InlineData(ProviderName.Apixo, typeof(ApixoClient))]
    public async Task GetClient_EachProvider_ReturnsItsDialect(ProviderName provider, Type expected)
    {
        await using var services = Build([]);

        var client = services.GetRequiredService<IVideoProviderResolver>().GetClient(provider);

        Assert.IsType(expected, client);
        Assert.Equal(provider, client.Provider);
    }

    [Fact]
    public async Task AddVideoProviders_ProvidersSection_IsBound()
    {
        await using var services = Build(new()
        {
            ["Providers:Apixo:BaseUrl"] = "http://127.0.0.1:7000/api/v1",
            ["Providers:Apixo:ApiKey"] = "k",
            ["Providers:Apixo:RequestsPerMinute"] = "60",
            ["Providers:Apixo:Timeout"] = "00:00:10",
            ["Providers:OpenAi:WebhookSecret"] = "whsec_abc",
            ["Providers:Resilience:MaxRetryAttempts"] = "5",
        });

        var options = services.GetRequiredService<IOptions<ProvidersOptions>>().Value;
        Assert.Equal(new Uri("http://127.0.0.1:7000/api/v1"), options.Apixo.BaseUrl);
        Assert.Equal(60, options.Apixo.RequestsPerMinute);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Apixo.Timeout);
        Assert.Equal("whsec_abc", options.OpenAi.WebhookSecret);
        Assert.Equal(5, services.GetRequiredService<IOptions<ProviderResilienceOptions>>().Value.MaxRetryAttempts);
        Assert.NotNull(services.GetRequiredService<StandardWebhookVerifier>());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(60, true)]
    public void Create_RequestsPerMinute_ZeroIsUnlimited(int requestsPerMinute, bool limited)
    {
        using var limiter = ProviderRateLimiters.Create(requestsPerMinute);

        Assert.Equal(limited, limiter is not null);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "videos", "https://api.openai.com/v1/videos")]
    [InlineData("https://api.openai.com/v1/", "videos", "https://api.openai.com/v1/videos")]
    [InlineData("https://api.foxapi.cc", "v1/tasks/a%20b", "https://api.foxapi.cc/v1/tasks/a%20b")]
    public void Combine_BaseWithPathPrefix_KeepsThePrefix(string baseUrl, string relative, string expected)
    {
        Assert.Equal(new Uri(expected), ProviderEndpoint.Combine(new Uri(baseUrl), relative));
    }
}
