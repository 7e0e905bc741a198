namespace VideoPipeline.Emulator;

/// <summary>OpenAI Videos dialect settings (<c>Emulator:OpenAi</c>).</summary>
public sealed class OpenAiEmulatorOptions : IProviderEmulatorOptions
{
    /// <summary>The secret the emulator signs webhooks with unless another one is configured.</summary>
    public const string DefaultWebhookSecret = "whsec_dmlkZW9waXBlbGluZS1lbXVsYXRvci13ZWJob29rcyE=";

    public string ApiKey { get; set; } = "openai-emulator-key";

    /// <summary>OpenAI keeps downloadable assets for at most one hour after generation (<c>expires_at</c>).</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>OpenAI documents no limits, so none apply unless configured.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Upper bound of the <c>openai-poll-after-ms</c> hint; the hint is the remaining generation time below it.</summary>
    public TimeSpan MaxPollAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The project webhook endpoint; no webhooks are sent while it is null.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Standard Webhooks secret: <c>whsec_</c> followed by the base64 key.</summary>
    public string WebhookSecret { get; set; } = DefaultWebhookSecret;

    /// <summary>
    /// OpenAI does not publish its schedule; the default follows the Standard Webhooks reference implementation's
    /// (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) with a 10 s timeout; any 2xx is success.
    /// </summary>
    public CallbackOptions Webhooks { get; set; } = new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        RetryDelays =
        [
            TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
            TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
        ],
    };
}
