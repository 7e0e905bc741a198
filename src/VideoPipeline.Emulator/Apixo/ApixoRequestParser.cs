using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.Apixo;

/// <summary>Validates <c>POST /api/v1/generateTask/{model}</c> bodies.</summary>
internal static class ApixoRequestParser
{
    public const int MaxPromptLength = 5000;

    private static readonly string[] RequestTypes = ["async", "callback"];
    private static readonly string[] Modes = ["text-to-video", "image-to-video"];
    private static readonly int[] Durations = [4, 8, 12];
    private static readonly string[] Sizes = ["720*1280", "1280*720", "1024*1792", "1792*1024"];
    private static readonly string[] Resolutions = ["720p", "1080p"];

    public static bool TryParse(string model, JsonObject body, [NotNullWhen(true)] out TaskDraft? draft, [NotNullWhen(false)] out string? error)
    {
        draft = null;
        if (!JsonBody.TryGetString(body, "request_type", out var requestType) || !RequestTypes.Contains(requestType ?? "async"))
        {
            error = "request_type must be 'async' or 'callback'.";
            return false;
        }

        Uri? callbackUrl = null;
        if (requestType == "callback"
            && (!JsonBody.TryGetString(body, "callback_url", out var callbackText)
                || callbackText is not { Length: <= UrlRules.MaxCallbackUrlLength }
                || !UrlRules.TryParseHttpUrl(callbackText, out callbackUrl)))
        {
            error = "callback_url is required when request_type is 'callback' and must be an absolute http(s) URL.";
            return false;
        }

        if (!JsonBody.TryGetString(body, "provider", out var routing) || routing is not (null or "official"))
        {
            error = "provider must be 'official'.";
            return false;
        }

        if (body["input"] is not JsonObject input)
        {
            error = "input is required and must be an object.";
            return false;
        }

        error = CheckInput(input, out var prompt);
        if (error is not null)
        {
            return false;
        }

        draft = new TaskDraft(ProviderKind.Apixo, model, prompt!) { CallbackUrl = callbackUrl };
        return true;
    }

    private static string? CheckInput(JsonObject input, out string? prompt)
    {
        if (!JsonBody.TryGetString(input, "prompt", out prompt) || string.IsNullOrWhiteSpace(prompt))
        {
            return "input.prompt is required.";
        }

        if (prompt.Length > MaxPromptLength)
        {
            return $"input.prompt is too long: {prompt.Length} characters, the maximum is {MaxPromptLength}.";
        }

        if (!JsonBody.TryGetString(input, "mode", out var mode) || mode is null || !Modes.Contains(mode))
        {
            return $"input.mode must be one of: {string.Join(", ", Modes)}.";
        }

        if (!JsonBody.TryGetInt(input, "duration", out var duration) || (duration is { } seconds && !Durations.Contains(seconds)))
        {
            return $"input.duration must be one of: {string.Join(", ", Durations)}.";
        }

        if (mode == "text-to-video")
        {
            return JsonBody.TryGetString(input, "size", out var size) && (size is null || Sizes.Contains(size))
                ? null
                : $"input.size must be one of: {string.Join(", ", Sizes)}.";
        }

        if (!JsonBody.TryGetStringArray(input, "image_urls", out var images)
            || images is not { Count: 1 }
            || !UrlRules.TryParseHttpUrl(images[0], out _))
        {
            return "input.image_urls must hold exactly one absolute http(s) image URL in image-to-video mode.";
        }

        return JsonBody.TryGetString(input, "resolution", out var resolution) && (resolution is null || Resolutions.Contains(resolution))
            ? null
            : $"input.resolution must be one of: {string.Join(", ", Resolutions)}.";
    }
}
