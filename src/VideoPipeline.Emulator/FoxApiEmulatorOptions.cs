namespace VideoPipeline.Emulator;

/// <summary>FoxAPI dialect settings (<c>Emulator:FoxApi</c>).</summary>
public sealed class FoxApiEmulatorOptions : IProviderEmulatorOptions
{
    public string ApiKey { get; set; } = "fox-emulator-key";

    /// <summary>FoxAPI result URLs are valid for 24 hours.</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>FoxAPI documents no limits, so none apply unless configured.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>FoxAPI documents a 10 s timeout and up to 3 retries after 1 s, 2 s and 4 s; any 2xx is success.</summary>
    public CallbackOptions Callbacks { get; set; } = new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)],
    };
}
