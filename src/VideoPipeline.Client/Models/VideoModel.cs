namespace VideoPipeline.Client.Models;

/// <summary>What one provider's model accepts (<c>GET /api/models</c>); the service validates requests against it.</summary>
public sealed class VideoModel
{
    /// <summary>The provider: <c>foxapi</c>, <c>openai</c> or <c>apixo</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The model, as requests name it.</summary>
    public required string Model { get; init; }

    /// <summary>A name for people.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The allowed durations in seconds; empty when the model takes a <see cref="DurationRange"/> or none.</summary>
    public IReadOnlyList<int> Durations { get; init; } = [];

    /// <summary>The allowed range of durations, for models without a fixed set.</summary>
    public VideoDurationRange? DurationRange { get; init; }

    /// <summary>The duration when the request gives none.</summary>
    public int? DefaultDuration { get; init; }

    /// <summary>The allowed aspect ratios.</summary>
    public IReadOnlyList<string> AspectRatios { get; init; } = [];

    /// <summary>The allowed sizes (<c>WIDTHxHEIGHT</c>).</summary>
    public IReadOnlyList<string> Sizes { get; init; } = [];

    /// <summary>The allowed resolutions.</summary>
    public IReadOnlyList<string> Resolutions { get; init; } = [];

    /// <summary>The longest prompt, in characters.</summary>
    public int MaxPromptLength { get; init; }

    /// <summary><c>text</c>, <c>firstFrameImage</c> (<c>imageUrl</c>) and <c>sourceVideo</c> (<c>sourceVideoUrl</c>).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Whether the model needs <see cref="VideoJobRequest.SourceVideoUrl"/>.</summary>
    public bool RequiresSourceVideo { get; init; }

    /// <summary>Whether <see cref="VideoJobRequest.GenerateAudio"/> applies.</summary>
    public bool SupportsGenerateAudio { get; init; }

    /// <summary>Whether a running task can be cancelled at the provider.</summary>
    public bool SupportsCancel { get; init; }

    /// <summary>How long the provider typically takes, in seconds.</summary>
    public int TypicalGenerationSeconds { get; init; }

    /// <summary>The provider parameters the model accepts.</summary>
    public IReadOnlyList<VideoModelOption> ProviderOptions { get; init; } = [];
}
