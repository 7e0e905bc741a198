namespace VideoPipeline.Core.Providers;

/// <summary>Connection settings of one provider, bound from <c>Providers:{FoxApi|OpenAi|Apixo}</c>.</summary>
public sealed class ProviderOptions
{
    /// <summary>Base URL including the API prefix, e.g. <c>https://api.foxapi.cc</c>.</summary>
    public Uri? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Per-request timeout. A submit that times out is ambiguous (the task may exist).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Client-side request budget per minute (0 = unlimited). APIXO documents 60.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Provider-side concurrent task limit (0 = unlimited). APIXO documents 10.</summary>
    public int MaxConcurrentTasks { get; set; }

    /// <summary>OpenAI only: the project webhook secret (<c>whsec_…</c>) used to verify webhooks.</summary>
    public string? WebhookSecret { get; set; }
}
