using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Security;

namespace VideoPipeline.Core.Callbacks;

/// <summary>
/// Whether this deployment can receive a model's completion callbacks. Per-task callback URLs need a public base URL
/// and a callback secret, and a base URL the provider accepts: FoxAPI documents callbacks to public https addresses
/// only, so <see cref="PipelineOptions.PublicBaseUrl"/> must pass the same rules as any URL handed to the pipeline
/// (<see cref="MediaUrlPolicy"/>: https, public addresses, or a development origin). The rules are waived for a
/// provider that is itself on a development origin (the emulator), which calls back anywhere. OpenAI project webhooks
/// need the webhook secret to verify them. A base URL the providers would refuse is found once, logged once, and
/// turns those providers' callbacks off: their jobs poll.
/// </summary>
public sealed partial class CallbackAvailability
{
    private readonly IOptions<PipelineOptions> _pipeline;
    private readonly IOptions<ProvidersOptions> _providers;
    private readonly ModelCatalogue _catalogue;
    private readonly MediaUrlPolicy _urls;
    private readonly ILogger<CallbackAvailability> _logger;
    private readonly Lazy<Task<IReadOnlySet<ProviderName>>> _refused;

    public CallbackAvailability(
        IOptions<PipelineOptions> pipeline,
        IOptions<ProvidersOptions> providers,
        ModelCatalogue catalogue,
        MediaUrlPolicy urls,
        ILogger<CallbackAvailability> logger)
    {
        _pipeline = pipeline;
        _providers = providers;
        _catalogue = catalogue;
        _urls = urls;
        _logger = logger;
        _refused = new Lazy<Task<IReadOnlySet<ProviderName>>>(FindRefusingProvidersAsync);
    }

    /// <summary>Checks the public base URL now (at start-up) rather than when the first job asks.</summary>
    public Task CheckPublicBaseUrlAsync() => _refused.Value;

    public bool CanReceive(ModelDefinition model) => WhyUnavailable(model) is null;

    /// <summary>Why the deployment cannot receive <paramref name="model"/>'s callbacks; null when it can.</summary>
    public string? WhyUnavailable(ModelDefinition model)
    {
        var provider = PipelineJson.EnumName(model.Provider);
        switch (model.Callback)
        {
            case CallbackKind.PerTaskUrl when _pipeline.Value.PublicBaseUrl is null || string.IsNullOrEmpty(_pipeline.Value.CallbackSecret):
                return "Callbacks are not configured on this deployment (Pipeline:PublicBaseUrl and Pipeline:CallbackSecret).";
            case CallbackKind.PerTaskUrl:
                // Sync over async only until the start-up check has finished, which normally precedes the first job.
                return _refused.Value.GetAwaiter().GetResult().Contains(model.Provider)
                    ? $"Callbacks from {provider} are off on this deployment: {provider} accepts only public https " +
                      "callback addresses, and Pipeline:PublicBaseUrl is not one (see the start-up log)."
                    : null;
            case CallbackKind.ProjectWebhook:
                return string.IsNullOrEmpty(_providers.Value.For(model.Provider).WebhookSecret)
                    ? $"Webhooks from {provider} are not configured on this deployment (Providers:{model.Provider}:WebhookSecret)."
                    : null;
            default:
                return $"'{model.Model}' ({provider}) does not send callbacks.";
        }
    }

    /// <summary>Resolves <see cref="WaitMode.Auto"/>: callbacks when they can arrive, polling otherwise.</summary>
    public WaitMode Resolve(ModelDefinition model, WaitMode requested) =>
        requested == WaitMode.Auto ? (CanReceive(model) ? WaitMode.Callback : WaitMode.Poll) : requested;

    private async Task<IReadOnlySet<ProviderName>> FindRefusingProvidersAsync()
    {
        var settings = _pipeline.Value;
        if (settings.PublicBaseUrl is not { } baseUrl || string.IsNullOrEmpty(settings.CallbackSecret))
        {
            return new HashSet<ProviderName>();
        }

        var check = await _urls.CheckAsync(baseUrl.AbsoluteUri, CancellationToken.None).ConfigureAwait(false);
        var refusing = check.IsAllowed
            ? []
            : _catalogue.All
                .Where(m => m.Callback == CallbackKind.PerTaskUrl)
                .Select(m => m.Provider)
                .Distinct()
                .Where(p => _providers.Value.For(p).BaseUrl is not { } endpoint || !_urls.IsDevelopmentOrigin(endpoint))
                .ToHashSet();
        if (refusing.Count > 0)
        {
            LogRefused(_logger, baseUrl, check.Error!, string.Join(", ", refusing.Select(PipelineJson.EnumName)));
        }

        return refusing;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Callbacks from {Providers} are off: Pipeline:PublicBaseUrl {PublicBaseUrl} is no address these " +
                  "providers call back, as the URL {Reason} Their jobs poll instead (waitMode auto), and requests with " +
                  "waitMode callback for them are refused. Set Pipeline:PublicBaseUrl to this deployment's public " +
                  "https address to receive callbacks.")]
    private static partial void LogRefused(ILogger logger, Uri publicBaseUrl, string reason, string providers);
}
