namespace VideoPipeline.Core.Api;

/// <summary>The body of <c>GET /api/models</c>.</summary>
public sealed record ModelList(IReadOnlyList<ModelView> Items);
