using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Admission;

/// <summary>The input of the acquire-slot activity: a job asking for (or renewing) one of a provider's task slots.</summary>
/// <param name="Capacity">The provider's concurrent-task limit, fixed in the job's plan.</param>
/// <param name="Attempt">1 for the job's first request; a waiting job's wait grows with it.</param>
public sealed record TaskSlotRequest(ProviderName Provider, string JobId, int Capacity, int Attempt);
