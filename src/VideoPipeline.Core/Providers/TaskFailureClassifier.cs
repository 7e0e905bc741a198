using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers;

/// <summary>Maps a provider's own failure code (failed task, or an error body) to one of <see cref="ErrorCodes"/>.</summary>
internal static class TaskFailureClassifier
{
    private static readonly HashSet<string> ContentCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "CONTENT_VIOLATION", // APIXO
        "SensitiveContentDetected", // APIXO content-policy codes
        "NSFW",
        "ProhibitedContentDetected",
        "moderation_blocked", // OpenAI
        "content_policy_violation", // OpenAI
    };

    private static readonly HashSet<string> InputCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "INVALID_IMAGE_URL", // APIXO
        "PromptLengthExceeded", // APIXO
    };

    public static bool IsContentViolation(string? providerCode) => providerCode is not null && ContentCodes.Contains(providerCode);

    public static string Classify(string? providerCode) =>
        providerCode is null ? ErrorCodes.GenerationFailed
        : ContentCodes.Contains(providerCode) ? ErrorCodes.ContentViolation
        : InputCodes.Contains(providerCode) ? ErrorCodes.InvalidInput
        : ErrorCodes.GenerationFailed;

    /// <summary>The job error of a failed task; the provider's own code stays in the message.</summary>
    public static JobError ToJobError(ProviderName provider, string? providerCode, string? providerMessage)
    {
        var message = string.IsNullOrWhiteSpace(providerMessage) ? "no message" : providerMessage.Trim();
        var code = string.IsNullOrWhiteSpace(providerCode) ? null : providerCode.Trim();
        return new JobError(
            Classify(code),
            code is null ? $"{provider} task failed: {message}" : $"{provider} task failed [{code}]: {message}");
    }
}
