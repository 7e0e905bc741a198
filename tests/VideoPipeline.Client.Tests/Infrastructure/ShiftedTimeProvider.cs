namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>The system clock moved by a fixed offset, to receive a delivery "later".</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
