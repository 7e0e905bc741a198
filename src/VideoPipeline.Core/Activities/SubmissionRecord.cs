using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Activities;

/// <summary>One submission attempt of a job, as the ledger keeps it.</summary>
public sealed record SubmissionRecord(SubmissionState State, ProviderTask? Task = null);
