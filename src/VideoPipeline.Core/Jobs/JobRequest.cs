using System.Text.Json.Nodes;

namespace VideoPipeline.Core.Jobs;

/// <summary>A request to generate one video: the body of <c>POST /api/videos</c>, as <see cref="JobRequestValidator"/> accepted it.</summary>
public sealed record JobRequest
{
    public required ProviderName Provider { get; init; }
    public required string Model { get; init; }
    public required string Prompt { get; init; }
    public int? DurationSeconds { get; init; }
    public string? AspectRatio { get; init; }
    public string? Size { get; init; }
    public string? Resolution { get; init; }
    public string? ImageUrl { get; init; }
    public string? SourceVideoUrl { get; init; }
    public bool? GenerateAudio { get; init; }
    public WaitMode WaitMode { get; init; } = WaitMode.Auto;
    public OutputRequest? Output { get; init; }
    public string? NotifyUrl { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Provider-specific parameters the model catalogue allows (wire names, e.g. <c>character_ids</c>).</summary>
    public JsonObject? ProviderOptions { get; init; }
}
