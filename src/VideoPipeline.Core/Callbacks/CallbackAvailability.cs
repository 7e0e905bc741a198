using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Callbacks;

/// <summary>
/// Whether this deployment can receive a model's completion callbacks: per-task callback URLs need a public base URL
/// and a callback secret; OpenAI project webhooks need the webhook secret to verify them.
/// </summary>
public sealed class CallbackAvailability(IOptions<PipelineOptions> pipeline, IOptions<ProvidersOptions> providers)
{
    public bool CanReceive(ModelDefinition model) => model.Callback switch
    {
        CallbackKind.PerTaskUrl => pipeline.Value.PublicBaseUrl is not null
                                   && !string.IsNullOrEmpty(pipeline.Value.CallbackSecret),
        CallbackKind.ProjectWebhook => !string.IsNullOrEmpty(providers.Value.For(model.Provider).WebhookSecret),
        _ => false,
    };

    /// <summary>Resolves <see cref="WaitMode.Auto"/>: callbacks when they can arrive, polling otherwise.</summary>
    public WaitMode Resolve(ModelDefinition model, WaitMode requested) =>
        requested == WaitMode.Auto ? (CanReceive(model) ? WaitMode.Callback : WaitMode.Poll) : requested;
}
