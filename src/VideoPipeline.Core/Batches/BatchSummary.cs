namespace VideoPipeline.Core.Batches;

/// <summary>One batch in <c>GET /api/batches</c>: what the intake decided, without reading its jobs.</summary>
public sealed record BatchSummary(string Id, DateTimeOffset CreatedAt, int Items, int Invalid, string StatusUri);
