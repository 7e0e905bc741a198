using Microsoft.Extensions.Options;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Local;

/// <summary>
/// Points every provider without an API key at the bundled emulator, with the emulator's key (and, for OpenAI, its
/// webhook secret). Configuring a real key switches that provider to the real service; nothing else changes.
/// </summary>
public sealed class EmulatorFallback(IOptions<LocalHostOptions> options) : IPostConfigureOptions<ProvidersOptions>
{
    public void PostConfigure(string? name, ProvidersOptions providers)
    {
        var emulator = options.Value.Emulator;
        if (emulator.BaseUrl is null)
        {
            return;
        }

        UseEmulator(providers.FoxApi, emulator.BaseUrl, "", emulator.FoxApiKey);
        if (UseEmulator(providers.OpenAi, emulator.BaseUrl, "v1", emulator.OpenAiKey))
        {
            providers.OpenAi.WebhookSecret ??= emulator.OpenAiWebhookSecret;
        }

        UseEmulator(providers.Apixo, emulator.BaseUrl, "api/v1", emulator.ApixoKey);
    }

    private static bool UseEmulator(ProviderConnectionOptions provider, Uri emulator, string path, string key)
    {
        if (!string.IsNullOrEmpty(provider.ApiKey))
        {
            return false;
        }

        provider.BaseUrl = new Uri(emulator, path);
        provider.ApiKey = key;
        return true;
    }
}
