using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Callbacks;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Security;
using VideoPipeline.Core.Tests.Jobs;

namespace VideoPipeline.Core.Tests.Callbacks;

/// <summary>
/// Per-task callbacks only to a base URL the providers accept (public https), checked once with the media URL rules:
/// otherwise those providers' jobs poll and one warning says why.
/// </summary>
public sealed class CallbackAvailabilityTests
{
    private const string Emulator = "http://127.0.0.1:7072";

    private static readonly ModelDefinition FoxApi = ModelCatalogue.Default.Get(ProviderName.FoxApi, "sora-2");
    private static readonly ModelDefinition Apixo = ModelCatalogue.Default.Get(ProviderName.Apixo, "sora-2-pro");
    private static readonly ModelDefinition OpenAi = ModelCatalogue.Default.Get(ProviderName.OpenAi, "sora-2");

    private readonly RecordingLogger<CallbackAvailability> _log = new();

    private CallbackAvailability Create(string? publicBaseUrl, Uri? foxApiBaseUrl = null, Uri? apixoBaseUrl = null, params string[] devOrigins)
    {
        var pipeline = Options.Create(new PipelineOptions
        {
            PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl),
            CallbackSecret = "secret",
            DevelopmentAllowedOrigins = [Emulator, .. devOrigins],
        });
        var providers = Options.Create(new ProvidersOptions
        {
            FoxApi = { BaseUrl = foxApiBaseUrl },
            Apixo = { BaseUrl = apixoBaseUrl },
            OpenAi = { WebhookSecret = "whsec_c2VjcmV0" },
        });
        return new CallbackAvailability(
            pipeline, providers, ModelCatalogue.Default, new MediaUrlPolicy(new StaticHostAddressResolver(), pipeline), _log);
    }

    private IReadOnlyList<string> Warnings => _log.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();

    [Theory]
    [InlineData("http://pipeline.example.com", "must use https")]
    [InlineData("https://10.0.0.5:7071", "private")]
    [InlineData("https://127.0.0.1:7071", "loopback")]
    [InlineData("https://internal.example.com", "private")]
    [InlineData("https://unknown.example.com", "cannot be resolved")]
    public async Task CanReceive_PublicBaseUrlProvidersRefuse_PerTaskCallbacksOffWithOneWarning(string publicBaseUrl, string reason)
    {
        var callbacks = Create(publicBaseUrl);

        await callbacks.CheckPublicBaseUrlAsync();

        Assert.False(callbacks.CanReceive(FoxApi));
        Assert.False(callbacks.CanReceive(Apixo));
        Assert.True(callbacks.CanReceive(OpenAi));
        Assert.Equal(WaitMode.Poll, callbacks.Resolve(Apixo, WaitMode.Auto));
        var warning = Assert.Single(Warnings);
        Assert.Contains("foxapi, apixo", warning);
        Assert.Contains(publicBaseUrl, warning);
        Assert.Contains(reason, warning);
    }

    [Fact]
    public async Task CanReceive_PublicHttpsBaseUrl_CallbacksOnWithoutWarning()
    {
        var callbacks = Create("https://pipeline.example.com");

        await callbacks.CheckPublicBaseUrlAsync();

        Assert.True(callbacks.CanReceive(FoxApi));
        Assert.Equal(WaitMode.Callback, callbacks.Resolve(Apixo, WaitMode.Auto));
        Assert.Empty(Warnings);
    }

    [Fact]
    public void CanReceive_ProvidersOnTheEmulator_TakeALoopbackBaseUrl()
    {
        var callbacks = Create("http://127.0.0.1:7071", new Uri(Emulator), new Uri($"{Emulator}/api/v1"));

        Assert.True(callbacks.CanReceive(FoxApi));
        Assert.True(callbacks.CanReceive(Apixo));
        Assert.Empty(Warnings);
    }

    [Fact]
    public void CanReceive_OneRealProviderOneOnTheEmulator_OnlyTheRealOneIsOff()
    {
        var callbacks = Create("http://127.0.0.1:7071", foxApiBaseUrl: null, apixoBaseUrl: new Uri($"{Emulator}/api/v1"));

        Assert.False(callbacks.CanReceive(FoxApi));
        Assert.True(callbacks.CanReceive(Apixo));
        var warning = Assert.Single(Warnings);
        Assert.StartsWith("Callbacks from foxapi are off", warning);
    }

    [Fact]
    public void CanReceive_BaseUrlIsADevelopmentOrigin_IsTrusted()
    {
        var callbacks = Create("http://192.168.1.20:7071", devOrigins: "http://192.168.1.20:7071");

        Assert.True(callbacks.CanReceive(FoxApi));
        Assert.Empty(Warnings);
    }

    [Fact]
    public async Task CanReceive_AskedForEveryJob_WarnsOnlyOnce()
    {
        var callbacks = Create("http://10.0.0.5:7071");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => callbacks.CanReceive(Apixo))));
        await callbacks.CheckPublicBaseUrlAsync();

        Assert.Single(Warnings);
    }

    [Fact]
    public void WhyUnavailable_NoPublicBaseUrl_NamesTheSettingsWithoutWarning()
    {
        var callbacks = Create(publicBaseUrl: null);

        Assert.Contains("Pipeline:PublicBaseUrl", callbacks.WhyUnavailable(FoxApi));
        Assert.Equal(WaitMode.Poll, callbacks.Resolve(FoxApi, WaitMode.Auto));
        Assert.Empty(Warnings);
    }
}
