using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Storage;

namespace VideoPipeline.Core.Tests.Configuration;

/// <summary>Settings that cannot work stop the host at start, naming every key at fault.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public async Task AddVideoPipelineCore_InvalidPipelineSettings_HostFailsToStartNamingEachKey()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:JobDeadline"] = "00:00:00",
            ["Pipeline:MinPollInterval"] = "00:00:10",
            ["Pipeline:MaxPollInterval"] = "00:00:05",
            ["Pipeline:CallbackSafetyNetInterval"] = "00:00:09",
            ["Pipeline:StateContainer"] = "State_Container",
        });
        builder.Services.AddVideoPipelineCore(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            ["Pipeline:CallbackSafetyNetInterval", "Pipeline:JobDeadline", "Pipeline:MaxPollInterval", "Pipeline:StateContainer"],
            failure.Failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]).Order());
    }

    [Fact]
    public async Task AddVideoPipelineCore_InvalidTaskWatchSettings_HostFailsToStartNamingEachKey()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TaskWatch:RoundInterval"] = "00:00:00.050",
            ["TaskWatch:SafetyNetInterval"] = "00:00:30",
            ["TaskWatch:RescanInterval"] = "00:20:00",
            ["TaskWatch:MaxConcurrentChecks"] = "0",
            ["TaskWatch:LeaseDuration"] = "00:02:00",
        });
        builder.Services.AddVideoPipelineCore(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            ["TaskWatch:LeaseDuration", "TaskWatch:MaxConcurrentChecks", "TaskWatch:RescanInterval", "TaskWatch:RoundInterval",
             "TaskWatch:SafetyNetInterval"],
            failure.Failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]).Order());
    }

    [Fact]
    public async Task AddVideoProviders_InvalidResilienceSettings_FailNamingEachKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Resilience:MaxRetryAttempts"] = "-1",
            ["Providers:Resilience:MediaTimeout"] = "00:00:00",
        }).Build();
        await using var services = new ServiceCollection().AddVideoProviders(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ProviderResilienceOptions>>().Value);

        Assert.Equal(
            ["Providers:Resilience:MaxRetryAttempts", "Providers:Resilience:MediaTimeout"],
            failure.Failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]).Order());
    }

    [Theory]
    [InlineData("videos", true)]
    [InlineData("abc", true)]
    [InlineData("a1-b2-c3", true)]
    [InlineData("ab", false)]
    [InlineData("Videos", false)]
    [InlineData("-videos", false)]
    [InlineData("videos-", false)]
    [InlineData("my--videos", false)]
    [InlineData("my_videos", false)]
    [InlineData(null, false)]
    public void IsValid_ContainerName_FollowsAzureStorageRules(string? name, bool valid) =>
        Assert.Equal(valid, StorageNames.IsValid(name));

    [Fact]
    public void IsValid_LongerThanTheLimit_Invalid()
    {
        Assert.True(StorageNames.IsValid(new string('a', 63)));
        Assert.False(StorageNames.IsValid(new string('a', 64)));
        Assert.False(StorageNames.IsValid(new string('a', 57), maxLength: 56));
    }
}
