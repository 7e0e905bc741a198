using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.DependencyInjection;
using VideoPipeline.Engine.Tests.Infrastructure;

namespace VideoPipeline.Engine.Tests;

public sealed class InMemoryRecoveryTests : EngineRecoveryTests
{
    private readonly InMemoryOrchestrationService _taskHub = new();

    protected override Task<EngineHost> StartHostAsync(string workerId, Action<IServiceCollection> configureServices) =>
        EngineHost.StartAsync(Backends.InMemory(_taskHub), configureServices);
}
