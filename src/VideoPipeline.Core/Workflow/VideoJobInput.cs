using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow;

/// <summary>The orchestration input of one job.</summary>
public sealed record VideoJobInput(string JobId, JobRequest Request, JobPlan Plan, string? BatchId = null);
