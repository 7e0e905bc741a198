namespace VideoPipeline.Core;

/// <summary>The <c>Pipeline</c> configuration section: behaviour shared by both hosts.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// The base URL providers can reach this host at (e.g. <c>https://myapp.azurewebsites.net</c>). Per-task callbacks
    /// are only used when it is set; otherwise the workflow polls.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Key for per-job callback tokens and for signing notifications to <c>notifyUrl</c>.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>How long a job may wait for the provider before it fails with <c>timeout</c>.</summary>
    public TimeSpan JobDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest gap between two status checks while polling.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gap between status checks while waiting for a callback: the callback is the signal, and these checks only catch
    /// one that was lost. The task watch makes them (one provider request each); with the watch off the job makes them
    /// itself, and each costs the engine two orchestration episodes: then keep them rare.
    /// </summary>
    public TimeSpan CallbackSafetyNetInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Shortest gap between two status checks.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Resubmit when a submission's outcome is unknown (timeout after sending). Off by default: the provider may
    /// have accepted the first request, and a second one is paid again.
    /// </summary>
    public bool ResubmitWhenOutcomeUnknown { get; set; }

    /// <summary>
    /// Origins (<c>scheme://host:port</c>) exempt from the media URL rules, for local development against the
    /// emulator. Every other URL is still checked.
    /// </summary>
    public List<string> DevelopmentAllowedOrigins { get; set; } = [];

    /// <summary>
    /// Standard Webhooks secret (<c>whsec_&lt;base64&gt;</c>) to sign notifications to <c>notifyUrl</c> with; unsigned
    /// when empty. Receivers verify them like any Standard Webhooks sender.
    /// </summary>
    public string? NotifySigningSecret { get; set; }

    /// <summary>Delete the video at the provider once archived, where the provider supports it (OpenAI).</summary>
    public bool DeleteAtProviderAfterArchive { get; set; }

    /// <summary>Container for the pipeline's own bookkeeping (submission ledger, provider task index).</summary>
    public string StateContainer { get; set; } = "videopipeline-state";
}
