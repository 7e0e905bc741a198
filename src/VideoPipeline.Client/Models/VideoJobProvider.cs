namespace VideoPipeline.Client.Models;

/// <summary>The provider that makes a job's video, and its task there.</summary>
public sealed class VideoJobProvider
{
    /// <summary>The provider: <c>foxapi</c>, <c>openai</c> or <c>apixo</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The provider's model, e.g. <c>sora-2</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The provider's task id, once it accepted the job.</summary>
    public string? TaskId { get; init; }

    /// <summary>The provider's own status, as it reported it.</summary>
    public string? Status { get; init; }
}
