namespace VideoPipeline.Emulator;

/// <summary>How a provider delivers callbacks: per-attempt timeout and the waits before each retry.</summary>
public sealed class CallbackOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One entry per retry; an empty list means a single attempt.</summary>
    public TimeSpan[] RetryDelays { get; set; } = [];
}
