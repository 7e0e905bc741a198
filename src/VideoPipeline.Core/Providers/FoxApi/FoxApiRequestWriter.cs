using System.Text.Json.Nodes;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers.FoxApi;

/// <summary>Builds the JSON body of <c>POST /v1/videos/generations</c>.</summary>
internal static class FoxApiRequestWriter
{
    public static JsonObject Build(ProviderSubmission submission)
    {
        var (request, model, callbackUrl) = submission;
        if (!FoxApiWireShape.ByModel.TryGetValue(model.Model, out var shape))
        {
            // Sending a guessed body could be billed and fail; refuse before anything leaves.
            throw new ProviderException(
                ErrorCodes.InvalidInput, $"{ProviderName.FoxApi}: no documented request shape for model '{model.Model}'");
        }

        var body = new JsonObject
        {
            ["model"] = model.Model,
            ["prompt"] = request.Prompt,
        };

        if (shape.ImageField is { } imageField && request.ImageUrl is { } imageUrl)
        {
            body[imageField] = shape.ImageAsList ? new JsonArray(imageUrl) : imageUrl;
        }

        if (shape.SourceVideoField is { } videoField && request.SourceVideoUrl is { } videoUrl)
        {
            body[videoField] = videoUrl;
        }

        if (request.AspectRatio is { } aspectRatio)
        {
            body[shape.AspectRatioField] = aspectRatio;
        }

        if (TakesDuration(model) && (request.DurationSeconds ?? model.DefaultDuration) is { } duration)
        {
            body["duration"] = duration;
        }

        if (model.Resolutions.Count > 0 && request.Resolution is { } resolution)
        {
            body["resolution"] = resolution;
        }

        if (model.SupportsGenerateAudio && request.GenerateAudio is { } generateAudio)
        {
            body["generate_audio"] = generateAudio;
        }

        ProviderOptionsWriter.CopyAllowed(request, model, body);

        if (callbackUrl is not null)
        {
            body["callback_url"] = callbackUrl.AbsoluteUri;
        }

        return body;
    }

    private static bool TakesDuration(ModelDefinition model) => model.Durations.Count > 0 || model.DurationRange is not null;
}
