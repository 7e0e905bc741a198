using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VideoPipeline.Emulator.Tests.Hosting;

public sealed class OptionsTests
{
    [Fact]
    public async Task StartAsync_WithoutConfiguration_UsesDocumentedDefaults()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        var options = emulator.Options;

        Assert.Equal("127.0.0.1", emulator.BaseUrl.Host);
        Assert.Equal("fox-emulator-key", options.FoxApi.ApiKey);
        Assert.Equal("openai-emulator-key", options.OpenAi.ApiKey);
        Assert.Equal("apixo-emulator-key", options.Apixo.ApiKey);
        Assert.Equal(1024 * 1024, options.DefaultResultBytes);
        Assert.Equal(new[] { 1.0, 2.0, 4.0 }, options.FoxApi.Callbacks.RetryDelays.Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(10), options.FoxApi.Callbacks.Timeout);
        Assert.Equal(3, options.Apixo.Callbacks.RetryDelays.Length);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Apixo.Callbacks.Timeout);
        Assert.Equal(TimeSpan.FromHours(24), options.FoxApi.ResultUrlLifetime);
        Assert.Equal(TimeSpan.FromDays(15), options.Apixo.ResultUrlLifetime);
        Assert.Equal(TimeSpan.FromHours(1), options.OpenAi.ResultUrlLifetime);
        Assert.Equal(60, options.Apixo.RateLimit.RequestsPerMinute);
        Assert.Equal(10, options.Apixo.RateLimit.MaxConcurrentTasks);
        Assert.Equal((0, 0), (options.FoxApi.RateLimit.RequestsPerMinute, options.FoxApi.RateLimit.MaxConcurrentTasks));
        Assert.Equal((0, 0), (options.OpenAi.RateLimit.RequestsPerMinute, options.OpenAi.RateLimit.MaxConcurrentTasks));
        Assert.Null(options.OpenAi.WebhookUrl);
    }

    [Fact]
    public async Task AddEmulator_FromConfiguration_BindsSectionAndReplacesRetrySchedules()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Emulator:FoxApi:ApiKey"] = "configured-key",
            ["Emulator:FoxApi:Callbacks:RetryDelays:0"] = "00:00:07",
            ["Emulator:Apixo:RateLimit:RequestsPerMinute"] = "0",
            ["Emulator:OpenAi:WebhookUrl"] = "http://127.0.0.1:9/hooks",
            ["Emulator:DefaultGenerationSeconds"] = "0.25",
        });

        builder.WebHost.UseKestrelCore();
        builder.AddEmulator();
        await using var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;

        Assert.Equal("configured-key", options.FoxApi.ApiKey);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, options.FoxApi.Callbacks.RetryDelays);
        Assert.Equal(7, options.OpenAi.Webhooks.RetryDelays.Length);
        Assert.Equal((0, 10), (options.Apixo.RateLimit.RequestsPerMinute, options.Apixo.RateLimit.MaxConcurrentTasks));
        Assert.Equal(new Uri("http://127.0.0.1:9/hooks"), options.OpenAi.WebhookUrl);
        Assert.Equal(0.25, options.DefaultGenerationSeconds);
    }

    [Theory]
    [InlineData("not-a-secret")]
    [InlineData("whsec_!!!")]
    public async Task StartAsync_InvalidWebhookSecret_FailsWithTheOptionName(string secret)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            EmulatorServer.StartAsync(o => o.OpenAi.WebhookSecret = secret));

        Assert.Contains("WebhookSecret", failure.Message);
    }

    [Fact]
    public async Task StartAsync_SeveralInvalidSettings_ReportsAllOfThem()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => EmulatorServer.StartAsync(o =>
        {
            o.DefaultResultBytes = 0;
            o.FoxApi.ApiKey = "";
            o.Apixo.Callbacks.Timeout = TimeSpan.Zero;
        }));

        Assert.Equal(3, failure.Failures.Count());
    }
}
