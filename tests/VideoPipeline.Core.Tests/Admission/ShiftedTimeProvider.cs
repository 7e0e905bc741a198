namespace VideoPipeline.Core.Tests.Admission;

/// <summary>The system clock moved by an offset the test sets; timers still run in real time.</summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
