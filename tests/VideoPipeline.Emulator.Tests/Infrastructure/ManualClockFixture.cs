namespace VideoPipeline.Emulator.Tests.Infrastructure;

/// <summary>An emulator whose clock moves only when a test advances it, for exact lifecycle and callback timing.</summary>
public sealed class ManualClockFixture : EmulatorFixture
{
    public ManualTimeProvider Clock { get; } = new();

    protected override Task<EmulatorServer> StartEmulatorAsync(Action<EmulatorOptions> configure) =>
        EmulatorServer.StartAsync(configure, Clock, CancellationToken.None);
}
