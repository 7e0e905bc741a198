using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Workflow;

/// <param name="Attempt">1 for the first submission; a new number only after the provider certainly refused.</param>
public sealed record SubmitJobInput(string JobId, int Attempt, JobRequest Request, Uri? CallbackUrl, bool ResubmitWhenOutcomeUnknown);
