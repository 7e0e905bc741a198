using VideoPipeline.Testing;

namespace VideoPipeline.Engine.Tests.Infrastructure;

/// <summary>A real Azurite with one task hub for the test class.</summary>
public sealed class AzureStorageEngineFixture : EngineFixture
{
    private AzuriteInstance? _azurite;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    protected override async Task<EngineHost> StartHostAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        return await EngineHost.StartAsync(Backends.AzureStorage(_azurite.ConnectionString, "EngineBehavior", "behavior-worker"));
    }
}
