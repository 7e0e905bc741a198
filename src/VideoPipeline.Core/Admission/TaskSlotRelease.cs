using VideoPipeline.Core.Jobs;

namespace VideoPipeline.Core.Admission;

/// <summary>The input of the release-slot activity.</summary>
public sealed record TaskSlotRelease(ProviderName Provider, string JobId, int Slot);
