namespace VideoPipeline.Core.Batches;

/// <summary>The body of <c>GET /api/batches</c>, newest first.</summary>
public sealed record BatchList(IReadOnlyList<BatchSummary> Items);
