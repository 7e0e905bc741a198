using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Admission;

/// <summary>The input of the acquire-slot activity: a job asking for (or renewing) one of a provider's task slots.</summary>
/// <param name="Capacity">The provider's concurrent-task limit, fixed in the job's plan.</param>
/// <param name="QueuedAt">
/// For a job not yet admitted: when it started waiting (orchestration time, so the same on every replay), its place in
/// the provider's queue. Null for a job renewing the slot it was admitted with: it does not queue, its task is already
/// running at the provider.
/// </param>
public sealed record TaskSlotRequest(ProviderName Provider, string JobId, int Capacity, DateTime? QueuedAt);
