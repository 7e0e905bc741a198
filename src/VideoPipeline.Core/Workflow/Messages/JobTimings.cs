namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>When each step of a job ended (UTC, orchestration time).</summary>
public sealed record JobTimings(
    DateTime StartedAt,
    DateTime? SubmittedAt = null,
    DateTime? GeneratedAt = null,
    DateTime? ArchivedAt = null,
    DateTime? CompletedAt = null);
