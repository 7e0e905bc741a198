using Microsoft.Extensions.Options;
using VideoPipeline.Emulator.Callbacks;
using VideoPipeline.Emulator.Faults;

namespace VideoPipeline.Emulator;

/// <summary>Fails start-up on settings the emulator could not honour, naming every offending key at once.</summary>
internal sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var failures = new List<string>();
        Check(failures, options.DefaultGenerationSeconds is >= 0 and <= DirectiveParser.MaxSeconds,
            $"DefaultGenerationSeconds must be between 0 and {DirectiveParser.MaxSeconds}.");
        Check(failures, options.DefaultResultBytes is > 0 and <= DirectiveParser.MaxBytes,
            $"DefaultResultBytes must be between 1 and {DirectiveParser.MaxBytes}.");
        Check(failures, options.LateCallbackDelay >= TimeSpan.Zero, "LateCallbackDelay must not be negative.");
        Check(failures, options.SubmitTimeoutDelay >= TimeSpan.Zero, "SubmitTimeoutDelay must not be negative.");
        Check(failures, options.PublicBaseUrl is null || IsHttpUrl(options.PublicBaseUrl), "PublicBaseUrl must be an absolute http(s) URL.");
        Check(failures, options.DataDirectory is null || !string.IsNullOrWhiteSpace(options.DataDirectory),
            "DataDirectory must be a folder path, or unset to keep tasks in memory.");

        CheckProvider(failures, "FoxApi", options.FoxApi, options.FoxApi.Callbacks);
        CheckProvider(failures, "OpenAi", options.OpenAi, options.OpenAi.Webhooks);
        CheckProvider(failures, "Apixo", options.Apixo, options.Apixo.Callbacks);

        var openAi = options.OpenAi;
        Check(failures, openAi.MaxPollAfter >= TimeSpan.FromMilliseconds(100), "OpenAi:MaxPollAfter must be at least 100 ms.");
        Check(failures, openAi.WebhookUrl is null || IsHttpUrl(openAi.WebhookUrl), "OpenAi:WebhookUrl must be an absolute http(s) URL.");
        Check(failures, StandardWebhookSigner.TryDecodeSecret(openAi.WebhookSecret, out _),
            "OpenAi:WebhookSecret must be 'whsec_' followed by a base64 key.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckProvider(List<string> failures, string name, IProviderEmulatorOptions provider, CallbackOptions callbacks)
    {
        Check(failures, !string.IsNullOrWhiteSpace(provider.ApiKey), $"{name}:ApiKey must not be empty.");
        Check(failures, provider.ResultUrlLifetime >= TimeSpan.Zero, $"{name}:ResultUrlLifetime must not be negative.");
        Check(failures, provider.RateLimit is { RequestsPerMinute: >= 0, MaxConcurrentTasks: >= 0 },
            $"{name}:RateLimit limits must not be negative.");
        Check(failures, callbacks.Timeout > TimeSpan.Zero, $"{name}: the callback timeout must be positive.");
        Check(failures, callbacks.RetryDelays.All(d => d >= TimeSpan.Zero), $"{name}: callback retry delays must not be negative.");
    }

    private static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static void Check(List<string> failures, bool condition, string failure)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}
