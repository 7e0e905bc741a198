using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Admission;

/// <summary>The input of the release-slot activity: a job giving back every slot it holds and leaving the queue.</summary>
public sealed record TaskSlotRelease(ProviderName Provider, string JobId);
