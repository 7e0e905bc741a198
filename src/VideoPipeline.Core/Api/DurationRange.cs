namespace VideoPipeline.Core.Api;

/// <summary>An inclusive range of durations in seconds, for models whose docs give no closed set.</summary>
public sealed record DurationRange(int Min, int Max);
