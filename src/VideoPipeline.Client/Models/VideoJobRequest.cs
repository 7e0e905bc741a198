using System.Text.Json.Nodes;

namespace VideoPipeline.Client.Models;

/// <summary>
/// A request to generate one video (the body of <c>POST /api/videos</c>). What each field accepts depends on the
/// model: <see cref="VideoPipelineClient.GetModelsAsync"/> lists it, and the service validates against exactly that.
/// </summary>
public sealed class VideoJobRequest
{
    /// <summary>Creates a request with the three fields every job needs.</summary>
    /// <param name="provider">The provider: <c>foxapi</c>, <c>openai</c> or <c>apixo</c>.</param>
    /// <param name="model">The provider's model, e.g. <c>sora-2</c>.</param>
    /// <param name="prompt">What to generate.</param>
    public VideoJobRequest(string provider, string model, string prompt)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        Provider = provider;
        Model = model;
        Prompt = prompt;
    }

    /// <summary>The provider: <c>foxapi</c>, <c>openai</c> or <c>apixo</c>.</summary>
    public string Provider { get; }

    /// <summary>The provider's model, e.g. <c>sora-2</c>.</summary>
    public string Model { get; }

    /// <summary>What to generate.</summary>
    public string Prompt { get; }

    /// <summary>The video's length in seconds; one the model allows (its default when null).</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>An aspect ratio the model allows, e.g. <c>16:9</c>; not together with <see cref="Size"/>.</summary>
    public string? AspectRatio { get; set; }

    /// <summary>A size the model allows, <c>WIDTHxHEIGHT</c>, e.g. <c>1280x720</c>.</summary>
    public string? Size { get; set; }

    /// <summary>A resolution the model allows, e.g. <c>720p</c>.</summary>
    public string? Resolution { get; set; }

    /// <summary>A first-frame image (models that take one); https and public.</summary>
    public Uri? ImageUrl { get; set; }

    /// <summary>The video to extend (Veo extend models); https and public.</summary>
    public Uri? SourceVideoUrl { get; set; }

    /// <summary>Whether to generate audio (models that can).</summary>
    public bool? GenerateAudio { get; set; }

    /// <summary><c>auto</c> (the default), <c>callback</c> or <c>poll</c>: how the pipeline waits for the provider.</summary>
    public string? WaitMode { get; set; }

    /// <summary>Where to archive the video.</summary>
    public VideoJobOutputRequest? Output { get; set; }

    /// <summary>Called with a signed <see cref="VideoJobNotification"/> when the job ends; https and public.</summary>
    public Uri? NotifyUrl { get; set; }

    /// <summary>Stored with the blob (at most 16 entries).</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Provider parameters the model allows, under their wire names (e.g. <c>character_ids</c>).</summary>
    public JsonObject? ProviderOptions { get; set; }
}
