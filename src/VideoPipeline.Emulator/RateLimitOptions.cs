namespace VideoPipeline.Emulator;

/// <summary>Provider-side limits answered with 429 and <c>Retry-After</c>, as the real service answers them.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Authenticated API requests per sliding minute; 0 means unlimited.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Tasks generating at the same time; 0 means unlimited.</summary>
    public int MaxConcurrentTasks { get; set; }
}
