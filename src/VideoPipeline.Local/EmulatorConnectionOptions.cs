namespace VideoPipeline.Local;

/// <summary>Where the bundled provider emulator listens, and the keys it accepts (its defaults).</summary>
public sealed class EmulatorConnectionOptions
{
    /// <summary>The emulator's base URL; null turns the fallback off (providers then need real keys).</summary>
    public Uri? BaseUrl { get; set; }

    public string FoxApiKey { get; set; } = "fox-emulator-key";

    public string OpenAiKey { get; set; } = "openai-emulator-key";

    public string ApixoKey { get; set; } = "apixo-emulator-key";

    /// <summary>The secret the emulator signs OpenAI webhooks with (Standard Webhooks, <c>whsec_</c> + base64).</summary>
    public string? OpenAiWebhookSecret { get; set; }
}
