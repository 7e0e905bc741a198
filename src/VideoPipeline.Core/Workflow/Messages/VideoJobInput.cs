using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Workflow.Planning;

namespace VideoPipeline.Core.Workflow.Messages;

/// <summary>The orchestration input of one job.</summary>
public sealed record VideoJobInput(string JobId, JobRequest Request, JobPlan Plan, string? BatchId = null)
{
    /// <summary>
    /// The W3C <c>traceparent</c> of the job's start span, set when the job is started: every activity's span is
    /// parented on it (see <c>JobTrace</c>), so the job is one trace. Null for a job started without tracing.
    /// </summary>
    public string? TraceParent { get; init; }
}
