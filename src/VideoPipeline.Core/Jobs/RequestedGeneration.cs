using System.Text.Json.Nodes;

namespace VideoPipeline.Core.Jobs;

/// <summary>
/// What a job request asks the model to generate, as read from the JSON and before it is checked against the model's
/// definition: the fields whose allowed values depend on the model.
/// </summary>
internal sealed record RequestedGeneration
{
    public string? Prompt { get; init; }
    public int? DurationSeconds { get; init; }
    public string? AspectRatio { get; init; }
    public string? Size { get; init; }
    public string? Resolution { get; init; }
    public string? ImageUrl { get; init; }
    public string? SourceVideoUrl { get; init; }
    public bool? GenerateAudio { get; init; }
    public WaitMode WaitMode { get; init; }
    public JsonObject? ProviderOptions { get; init; }
}
