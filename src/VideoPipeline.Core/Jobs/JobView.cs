using VideoPipeline.Core.Workflow.Messages;

namespace VideoPipeline.Core.Jobs;

/// <summary>What <c>GET /api/videos/{id}</c> returns (described in <c>openapi.json</c>).</summary>
public sealed record JobView
{
    public required string Id { get; init; }
    public required JobStatus Status { get; init; }
    public int? Progress { get; init; }
    public string? Phase { get; init; }
    public required ProviderView Provider { get; init; }
    public OutputView? Output { get; init; }
    public JobError? Error { get; init; }
    public string? BatchId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When each step ended (started, submitted, generated, archived, completed).</summary>
    public Workflow.Messages.JobTimings? Timings { get; init; }

    /// <summary>The W3C trace id of the job's trace (32 hex digits), from its start to its end; null without tracing.</summary>
    public string? TraceId { get; init; }
}

public sealed record ProviderView(ProviderName Name, string Model, string? TaskId = null, string? Status = null);

public sealed record OutputView(
    string Container,
    string BlobName,
    string? BlobUri = null,
    long? Bytes = null,
    string? ContentType = null,
    string? Sha256 = null);
