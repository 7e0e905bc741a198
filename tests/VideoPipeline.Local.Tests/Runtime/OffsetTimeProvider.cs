namespace VideoPipeline.Local.Tests.Runtime;

/// <summary>A clock running ahead of the real one, to play a process that starts long after another stopped.</summary>
internal sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
