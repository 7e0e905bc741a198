namespace VideoPipeline.Emulator;

/// <summary>Provider-side limits answered with 429 and <c>Retry-After</c>. Off unless <see cref="Enabled"/>.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; }

    /// <summary>Authenticated API requests per sliding minute; 0 means unlimited.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Tasks generating at the same time; 0 means unlimited.</summary>
    public int MaxConcurrentTasks { get; set; }
}
