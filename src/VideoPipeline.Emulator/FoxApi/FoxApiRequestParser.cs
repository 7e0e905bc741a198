using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using VideoPipeline.Emulator.Http;
using VideoPipeline.Emulator.Tasks;

namespace VideoPipeline.Emulator.FoxApi;

/// <summary>Validates <c>POST /v1/videos/generations</c> bodies against each model's documented fields.</summary>
internal static class FoxApiRequestParser
{
    private const int PreviewMaxDuration = 20;

    private static readonly string[] PreviewSizes = ["auto", "1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
    private static readonly string[] AspectRatios = ["16:9", "9:16"];
    private static readonly int[] SoraDurations = [4, 8, 12, 16, 20];
    private static readonly string[] Resolutions = ["720p", "1080p"];

    public static bool TryParse(JsonObject body, [NotNullWhen(true)] out TaskDraft? draft, [NotNullWhen(false)] out string? error)
    {
        draft = null;
        if (!JsonBody.TryGetString(body, "model", out var modelName) || string.IsNullOrEmpty(modelName))
        {
            error = "'model' is required and must be a string.";
            return false;
        }

        if (!FoxApiModel.All.TryGetValue(modelName, out var model))
        {
            error = $"Unsupported model '{modelName}'. Supported models: {string.Join(", ", FoxApiModel.All.Keys)}.";
            return false;
        }

        if (!JsonBody.TryGetString(body, "prompt", out var prompt) || string.IsNullOrWhiteSpace(prompt))
        {
            error = "'prompt' is required and must be a non-empty string.";
            return false;
        }

        if (prompt.Length > model.MaxPromptLength)
        {
            error = $"'prompt' is too long: {prompt.Length} characters, the maximum for {model.Name} is {model.MaxPromptLength}.";
            return false;
        }

        if (!TryCallbackUrl(body, out var callbackUrl, out error))
        {
            return false;
        }

        error = model.Family switch
        {
            FoxApiModelFamily.SoraPreview => CheckSoraPreview(body),
            FoxApiModelFamily.Sora => CheckSora(body),
            _ => CheckVeoExtend(body),
        };
        if (error is not null)
        {
            return false;
        }

        draft = new TaskDraft(ProviderKind.FoxApi, model.Name, prompt) { CallbackUrl = callbackUrl };
        return true;
    }

    private static bool TryCallbackUrl(JsonObject body, out Uri? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        error = null;
        if (!JsonBody.TryGetString(body, "callback_url", out var text))
        {
            error = "'callback_url' must be a string.";
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (text.Length > UrlRules.MaxCallbackUrlLength || !UrlRules.TryParseHttpUrl(text, out url))
        {
            error = $"'callback_url' must be an absolute http(s) URL of at most {UrlRules.MaxCallbackUrlLength} characters.";
            return false;
        }

        return true;
    }

    private static string? CheckSoraPreview(JsonObject body)
    {
        if (!JsonBody.TryGetString(body, "image_url", out var imageUrl) || (imageUrl is not null && !UrlRules.TryParseHttpUrl(imageUrl, out _)))
        {
            return "'image_url' must be an absolute http(s) URL.";
        }

        if (!JsonBody.TryGetInt(body, "duration", out var duration) || duration is < 1 or > PreviewMaxDuration)
        {
            return $"Invalid 'duration': it must be a whole number of seconds from 1 to {PreviewMaxDuration}.";
        }

        if (!JsonBody.TryGetString(body, "size", out var size) || (size is not null && !PreviewSizes.Contains(size)))
        {
            return $"Invalid 'size'. Supported values: {string.Join(", ", PreviewSizes)}.";
        }

        return JsonBody.IsObjectOrMissing(body, "model_params") ? null : "'model_params' must be an object.";
    }

    private static string? CheckSora(JsonObject body)
    {
        if (!JsonBody.TryGetStringArray(body, "image_urls", out var imageUrls)
            || imageUrls is { Count: > 1 }
            || (imageUrls is not null && !imageUrls.All(u => UrlRules.TryParseHttpUrl(u, out _))))
        {
            return "'image_urls' must be an array with at most one absolute http(s) URL (the first frame).";
        }

        if (!JsonBody.TryGetString(body, "aspect_ratio", out var aspectRatio) || (aspectRatio is not null && !AspectRatios.Contains(aspectRatio)))
        {
            return $"Invalid 'aspect_ratio'. Supported values: {string.Join(", ", AspectRatios)}.";
        }

        if (!JsonBody.TryGetInt(body, "duration", out var duration) || (duration is { } seconds && !SoraDurations.Contains(seconds)))
        {
            return $"Invalid 'duration'. Supported values: {string.Join(", ", SoraDurations)}.";
        }

        if (!JsonBody.TryGetString(body, "resolution", out var resolution) || (resolution is not null && !Resolutions.Contains(resolution)))
        {
            return $"Invalid 'resolution'. Supported values: {string.Join(", ", Resolutions)}.";
        }

        if (!JsonBody.TryGetStringArray(body, "character_ids", out var characters) || characters is { Count: > 2 })
        {
            return "'character_ids' must be an array of at most 2 character ids.";
        }

        return JsonBody.TryGetBool(body, "delete_video", out _) ? null : "'delete_video' must be a boolean.";
    }

    private static string? CheckVeoExtend(JsonObject body)
    {
        // The documented field is 'video'; newer pages call it 'video_url'. Either is accepted.
        if (!JsonBody.TryGetString(body, "video", out var video) || !JsonBody.TryGetString(body, "video_url", out var videoUrl))
        {
            return "'video' must be a string URL.";
        }

        if (!UrlRules.TryParseHttpUrl(video ?? videoUrl, out _))
        {
            return "'video' (or 'video_url') is required: the absolute http(s) URL of the video to extend.";
        }

        if (!JsonBody.TryGetString(body, "aspect_ratio", out var aspectRatio) || (aspectRatio is not null && !AspectRatios.Contains(aspectRatio)))
        {
            return $"Invalid 'aspect_ratio'. Supported values: {string.Join(", ", AspectRatios)}.";
        }

        if (!JsonBody.TryGetBool(body, "generate_audio", out _))
        {
            return "'generate_audio' must be a boolean.";
        }

        return JsonBody.IsObjectOrMissing(body, "advanced") ? null : "'advanced' must be an object.";
    }
}
