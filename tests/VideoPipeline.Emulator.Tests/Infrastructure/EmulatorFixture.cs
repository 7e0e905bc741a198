namespace VideoPipeline.Emulator.Tests.Infrastructure;

/// <summary>One emulator on the real clock, plus a callback receiver, shared by the tests of a class.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    public CallbackReceiver Receiver { get; private set; } = null!;

    public EmulatorServer Emulator { get; private set; } = null!;

    public EmulatorClient Client { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Receiver = await CallbackReceiver.StartAsync();
        Emulator = await StartEmulatorAsync(TestOptions.With(Receiver));
        Client = new EmulatorClient(Emulator);
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    protected virtual Task<EmulatorServer> StartEmulatorAsync(Action<EmulatorOptions> configure) => EmulatorServer.StartAsync(configure);
}
