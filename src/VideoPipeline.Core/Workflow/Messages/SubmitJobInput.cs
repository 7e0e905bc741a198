using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow.Messages;

/// <param name="Attempt">1 for the first submission; a new number only after the provider certainly refused.</param>
public sealed record SubmitJobInput(string JobId, int Attempt, JobRequest Request, Uri? CallbackUrl, bool ResubmitWhenOutcomeUnknown)
{
    /// <summary>The job's <see cref="VideoJobInput.TraceParent"/>: the activity's span joins the job's trace.</summary>
    public string? TraceParent { get; init; }
}
