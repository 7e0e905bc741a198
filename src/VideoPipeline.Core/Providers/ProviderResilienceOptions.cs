namespace VideoPipeline.Core.Providers;

/// <summary>
/// Retry settings of the provider HTTP pipeline, bound from <c>Providers:Resilience</c>. They apply to GET and
/// DELETE only: a submit (POST) is never retried here, because a blind resubmit can pay twice.
/// </summary>
public sealed class ProviderResilienceOptions
{
    public const string SectionName = "Providers:Resilience";

    /// <summary>Retries after the first attempt (0 disables retries).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay when the provider sent no <c>Retry-After</c>; doubles per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest <c>Retry-After</c> honoured in place. A longer one is not retried here: the error reaches the
    /// workflow, which waits with a durable timer instead of holding a thread.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed per attempt until response headers when downloading media (results, input images).</summary>
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
