using VideoPipeline.Testing.Http;

namespace VideoPipeline.Core.Tests.Providers.Infrastructure;

/// <summary>
/// Provider client tests: a scripted server for each test, and the production provider registration pointed at it
/// (<see cref="ProviderTestHost"/>).
/// </summary>
public abstract class ScriptedProviderTests : IAsyncLifetime
{
    protected ScriptedHttpServer Server { get; private set; } = null!;

    protected ProviderTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ScriptedHttpServer.StartAsync();
        Host = ProviderTestHost.Create(Server);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
    }
}
