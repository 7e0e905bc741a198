namespace VideoPipeline.Emulator;

/// <summary>What the shared request gate and task store need from every provider's settings.</summary>
internal interface IProviderEmulatorOptions
{
    string ApiKey { get; }

    TimeSpan ResultUrlLifetime { get; }

    RateLimitOptions RateLimit { get; }
}
