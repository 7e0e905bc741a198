using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Api;

/// <summary>The body of <c>202 Accepted</c> for a started job.</summary>
public sealed record JobAccepted(string Id, JobStatus Status, string StatusUri, string CancelUri);
