namespace VideoPipeline.Core.Jobs;

/// <summary>How a provider tells us a task ended, if it does.</summary>
public enum CallbackKind
{
    None,

    /// <summary>A callback URL sent with each task (FoxAPI, APIXO).</summary>
    PerTaskUrl,

    /// <summary>A project-level webhook configured at the provider, signed (OpenAI Standard Webhooks).</summary>
    ProjectWebhook,
}
