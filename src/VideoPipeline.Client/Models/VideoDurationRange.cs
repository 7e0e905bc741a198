namespace VideoPipeline.Client.Models;

/// <summary>An inclusive range of durations in seconds.</summary>
public sealed class VideoDurationRange
{
    /// <summary>The shortest duration.</summary>
    public int Min { get; init; }

    /// <summary>The longest duration.</summary>
    public int Max { get; init; }
}
