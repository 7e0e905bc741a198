using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>Connection settings of one provider, bound from <c>Providers:{FoxApi|OpenAi|Apixo}</c>.</summary>
public sealed class ProviderConnectionOptions
{
    /// <summary>Base URL including the API prefix, e.g. <c>https://api.foxapi.cc</c>.</summary>
    public Uri? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Per-request timeout. A submit that times out is ambiguous (the task may exist).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Requests per minute this deployment sends the provider, counting submits, polls, cancels and deletes. Defaults
    /// to the provider's documented limit (<see cref="ProviderDefinition.DocumentedLimits"/>; APIXO 60, the others
    /// none); 0 means unlimited.
    /// </summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>
    /// Tasks this deployment lets the provider generate at once (jobs wait for a task slot before submitting).
    /// Defaults to the provider's documented limit (APIXO 10, the others none); 0 means unlimited.
    /// </summary>
    public int MaxConcurrentTasks { get; set; }

    /// <summary>OpenAI only: the project webhook secret (<c>whsec_…</c>) used to verify webhooks.</summary>
    public string? WebhookSecret { get; set; }
}
