using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Workflow.Messages;
using VideoPipeline.Core.Workflow;

namespace VideoPipeline.Core.Activities;

/// <summary>One submission attempt of a job, as the ledger keeps it.</summary>
/// <param name="State">Where the attempt is.</param>
/// <param name="Task">The provider's task, once accepted.</param>
/// <param name="Error">Why the provider refused, once rejected: a re-run answers the same.</param>
/// <param name="ClaimedAt">When the run that sends the request claimed the attempt.</param>
public sealed record SubmissionRecord(
    SubmissionState State, ProviderTask? Task = null, ActivityError? Error = null, DateTimeOffset? ClaimedAt = null);
