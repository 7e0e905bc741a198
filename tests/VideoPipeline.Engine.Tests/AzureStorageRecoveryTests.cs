using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Engine.Tests.Infrastructure;
using VideoPipeline.Testing;

namespace VideoPipeline.Engine.Tests;

public sealed class AzureStorageRecoveryTests(AzuriteFixture azurite) : EngineRecoveryTests, IClassFixture<AzuriteFixture>
{
    protected override Task<EngineHost> StartHostAsync(string workerId, Action<IServiceCollection> configureServices) =>
        EngineHost.StartAsync(Backends.AzureStorage(azurite.ConnectionString, "EngineRecovery", workerId), configureServices);
}
