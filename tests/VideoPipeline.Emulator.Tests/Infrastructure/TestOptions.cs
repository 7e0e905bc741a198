namespace VideoPipeline.Emulator.Tests.Infrastructure;

/// <summary>
/// Emulator settings shrunk for tests: short generations and retry schedules, webhooks to the receiver, and no APIXO
/// limits, because tests poll far more often than APIXO allows (the limits have their own tests).
/// </summary>
public static class TestOptions
{
    public const string WebhookSecret = "whsec_dGVzdC13ZWJob29rLXNlY3JldC1mb3ItdGhlLWVtdWxhdG9y";

    public static readonly TimeSpan[] ShortRetryDelays =
        [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)];

    public static Action<EmulatorOptions> With(CallbackReceiver receiver, Action<EmulatorOptions>? more = null) => options =>
    {
        options.DefaultGenerationSeconds = 0.3;
        options.DefaultResultBytes = 64 * 1024;
        options.LateCallbackDelay = TimeSpan.FromSeconds(5);
        options.SubmitTimeoutDelay = TimeSpan.FromMilliseconds(200);
        options.FoxApi.Callbacks.RetryDelays = ShortRetryDelays;
        options.Apixo.Callbacks.RetryDelays = ShortRetryDelays;
        options.OpenAi.Webhooks.RetryDelays = ShortRetryDelays;
        options.OpenAi.WebhookUrl = receiver.UrlFor("openai");
        options.OpenAi.WebhookSecret = WebhookSecret;
        options.Apixo.RateLimit = new RateLimitOptions();
        more?.Invoke(options);
    };
}
