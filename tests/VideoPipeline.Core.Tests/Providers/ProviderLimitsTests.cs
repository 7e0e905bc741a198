using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Planning;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Tests.Providers;

/// <summary>
/// Provider limits as both hosts register them (<c>AddVideoPipelineCore</c> + <c>AddVideoProviders</c>): the documented
/// ones unless configuration says otherwise, through to the job plan's task slots.
/// </summary>
public sealed class ProviderLimitsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddVideoPipelineCore(configuration)
            .AddVideoProviders(configuration)
            .BuildServiceProvider();
    }

    private static ProvidersOptions Providers(ServiceProvider services) =>
        services.GetRequiredService<IOptions<ProvidersOptions>>().Value;

    [Fact]
    public async Task ProvidersOptions_NothingConfigured_AreTheDocumentedLimits()
    {
        await using var services = Build([]);

        var providers = Providers(services);

        Assert.Equal((60, 10), (providers.Apixo.RequestsPerMinute, providers.Apixo.MaxConcurrentTasks));
        Assert.Equal((0, 0), (providers.FoxApi.RequestsPerMinute, providers.FoxApi.MaxConcurrentTasks));
        Assert.Equal((0, 0), (providers.OpenAi.RequestsPerMinute, providers.OpenAi.MaxConcurrentTasks));
    }

    [Fact]
    public async Task ProvidersOptions_Configured_WinOverTheDocumentedLimits()
    {
        await using var services = Build(new()
        {
            ["Providers:Apixo:RequestsPerMinute"] = "0",
            ["Providers:Apixo:MaxConcurrentTasks"] = "25",
            ["Providers:FoxApi:RequestsPerMinute"] = "30",
        });

        var providers = Providers(services);

        Assert.Equal((0, 25), (providers.Apixo.RequestsPerMinute, providers.Apixo.MaxConcurrentTasks));
        Assert.Equal((30, 0), (providers.FoxApi.RequestsPerMinute, providers.FoxApi.MaxConcurrentTasks));
    }

    [Fact]
    public async Task ProvidersOptions_NegativeLimits_FailNamingEveryKey()
    {
        await using var services = Build(new()
        {
            ["Providers:Apixo:RequestsPerMinute"] = "-1",
            ["Providers:OpenAi:MaxConcurrentTasks"] = "-5",
        });

        var error = Assert.Throws<OptionsValidationException>(() => Providers(services));

        Assert.Contains(error.Failures, f => f.StartsWith("Providers:Apixo:RequestsPerMinute", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Providers:OpenAi:MaxConcurrentTasks", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("4", 4)]
    [InlineData("0", null)]
    public async Task Create_ApixoJob_TaskSlotsFollowTheEffectiveLimit(string? configured, int? expectedCapacity)
    {
        await using var services = Build(configured is null ? [] : new() { ["Providers:Apixo:MaxConcurrentTasks"] = configured });
        var model = ModelCatalogue.Default.Get(ProviderName.Apixo, "sora-2-pro");
        var request = new JobRequest { Provider = model.Provider, Model = model.Model, Prompt = "p" };

        var plan = services.GetRequiredService<JobPlanner>().Create("job-1", request, model);

        Assert.Equal(expectedCapacity, plan.TaskSlots?.Capacity);
    }

    [Fact]
    public async Task Create_FoxApiJob_HasNoAdmissionStep()
    {
        await using var services = Build([]);
        var model = ModelCatalogue.Default.Get(ProviderName.FoxApi, "sora-2");
        var request = new JobRequest { Provider = model.Provider, Model = model.Model, Prompt = "p" };

        var plan = services.GetRequiredService<JobPlanner>().Create("job-1", request, model);

        Assert.Null(plan.TaskSlots);
    }
}
