namespace VideoPipeline.Core.Jobs;

/// <summary>Where the caller wants the archived video. Both parts are optional; defaults come from options.</summary>
public sealed record OutputRequest(string? Container = null, string? BlobName = null);
