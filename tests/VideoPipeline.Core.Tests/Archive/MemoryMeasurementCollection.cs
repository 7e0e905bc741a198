namespace VideoPipeline.Core.Tests.Archive;

/// <summary>
/// Tests that count the process's allocated bytes run alone, after the parallel tests, so that no other test's
/// allocations are counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurement";
}
