namespace VideoPipeline.Bench;

/// <summary>Memory growth during one measured operation, in bytes.</summary>
public sealed record MemoryReport(long PeakManagedGrowth, long PeakWorkingSetGrowth, long Allocated, long RetainedAfterCollection);
