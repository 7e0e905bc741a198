namespace VideoPipeline.Emulator;

/// <summary>APIXO dialect settings (<c>Emulator:Apixo</c>).</summary>
public sealed class ApixoEmulatorOptions : IProviderEmulatorOptions
{
    public string ApiKey { get; set; } = "apixo-emulator-key";

    /// <summary>APIXO result URLs are valid for 15 days.</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromDays(15);

    /// <summary>APIXO's documented limits (60 requests/minute, 10 concurrent tasks), enforced as APIXO does; 0 lifts one.</summary>
    public RateLimitOptions RateLimit { get; set; } = new() { RequestsPerMinute = 60, MaxConcurrentTasks = 10 };

    /// <summary>
    /// APIXO expects a 200 within 30 s and retries up to 3 times; it does not document the spacing, so the default
    /// waits 10 s, 30 s and 60 s. Only 200 counts as success, as documented.
    /// </summary>
    public CallbackOptions Callbacks { get; set; } = new()
    {
        Timeout = TimeSpan.FromSeconds(30),
        RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)],
    };
}
