using System.Text.Json.Nodes;
using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Providers.Apixo;

/// <summary>Builds the JSON body of <c>POST /generateTask/{model}</c>.</summary>
internal static class ApixoRequestWriter
{
    /// <summary>APIXO's only routing; its guide asks to send it explicitly. <c>providerOptions.provider</c> overrides it.</summary>
    public const string DefaultRouting = "official";

    public static JsonObject Build(ProviderSubmission submission)
    {
        var (request, model, callbackUrl) = submission;
        var imageMode = request.ImageUrl is not null;

        var input = new JsonObject
        {
            ["mode"] = imageMode ? "image-to-video" : "text-to-video",
            ["prompt"] = request.Prompt,
        };

        // The official route wants the duration explicitly, so the model's default is sent when none was asked.
        if ((request.DurationSeconds ?? model.DefaultDuration) is { } duration)
        {
            input["duration"] = duration;
        }

        // Catalogue flag: size applies to text-to-video only, resolution to image-to-video only.
        var sendSize = !model.SizeForTextResolutionForImage || !imageMode;
        var sendResolution = !model.SizeForTextResolutionForImage || imageMode;
        if (sendSize && request.Size is { } size)
        {
            input["size"] = ToWireSize(size);
        }

        if (sendResolution && request.Resolution is { } resolution)
        {
            input["resolution"] = resolution;
        }

        if (request.ImageUrl is { } imageUrl)
        {
            input["image_urls"] = new JsonArray(imageUrl);
        }

        var body = new JsonObject { ["request_type"] = callbackUrl is null ? "async" : "callback" };
        if (callbackUrl is not null)
        {
            body["callback_url"] = callbackUrl.AbsoluteUri;
        }

        body["provider"] = DefaultRouting;
        ProviderOptionsWriter.CopyAllowed(request, model, body);
        body["input"] = input;
        return body;
    }

    /// <summary>Our <c>WIDTHxHEIGHT</c> as APIXO's <c>WIDTH*HEIGHT</c> (<c>720x1280</c> → <c>720*1280</c>).</summary>
    public static string ToWireSize(string size) => size.Replace('x', '*').Replace('X', '*');
}
