using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoPipeline.Local.Extensions;
using VideoPipeline.Local.Runtime;

namespace VideoPipeline.Local.Tests.Runtime;

public sealed class LocalRuntimeOptionsTests
{
    [Fact]
    public void AddLocalDurableRuntime_NoSettings_UsesDefaults()
    {
        var options = Resolve(new Dictionary<string, string?>());

        Assert.Equal("videopipeline-runtime", options.ContainerName);
        Assert.Equal(TimeSpan.FromSeconds(30), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseRenewInterval);
    }

    [Fact]
    public void AddLocalDurableRuntime_Settings_BindsLocalRuntimeSection()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["LocalRuntime:ContainerName"] = "jobs-runtime",
            ["LocalRuntime:LeaseDuration"] = "00:00:20",
            ["LocalRuntime:MaxConcurrentActivities"] = "4",
        });

        Assert.Equal("jobs-runtime", options.ContainerName);
        Assert.Equal(TimeSpan.FromSeconds(20), options.LeaseDuration);
        Assert.Equal(4, options.MaxConcurrentActivities);
    }

    [Theory]
    [InlineData("LeaseDuration", "00:00:10")]
    [InlineData("LeaseDuration", "00:02:00")]
    [InlineData("LeaseRenewInterval", "00:00:20")]
    [InlineData("ContainerName", "Not_A_Container")]
    [InlineData("MaxConcurrentActivities", "0")]
    public void AddLocalDurableRuntime_InvalidSetting_FailsValidation(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(
            () => Resolve(new Dictionary<string, string?> { [$"LocalRuntime:{key}"] = value }));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void AddLocalDurableRuntime_DuplicateActivityName_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<InvalidOperationException>(() => services.AddLocalDurableRuntime(
            new ConfigurationBuilder().Build(),
            runtime => runtime
                .AddActivity<int, int>("Same", (_, n, _) => Task.FromResult(n))
                .AddActivity<int, int>("same", (_, n, _) => Task.FromResult(n))));
    }

    private static LocalRuntimeOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new BlobServiceClient("UseDevelopmentStorage=true"));
        services.AddLocalDurableRuntime(
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _ => { });
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<LocalRuntimeOptions>>().Value;
    }
}
