namespace VideoPipeline.Engine.Tests.Infrastructure;

/// <summary>One engine host shared by a test class; subclasses choose the orchestration service.</summary>
public abstract class EngineFixture : IAsyncLifetime
{
    private EngineHost? _host;

    public EngineHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await StartHostAsync();

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected abstract Task<EngineHost> StartHostAsync();
}
