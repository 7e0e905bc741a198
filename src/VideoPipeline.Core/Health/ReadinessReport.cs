namespace VideoPipeline.Core.Health;

/// <summary>The 200 answer of <c>GET /api/ready</c>: every dependency answered.</summary>
public sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, DependencyCheck> Checks);
