namespace VideoPipeline.Core.Health;

/// <summary>One dependency in a readiness answer: <c>healthy</c> or <c>unhealthy</c>, how long the check took, and why it failed.</summary>
public sealed record DependencyCheck(string Status, long DurationMs, string? Error = null)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
}
