using Microsoft.DurableTask.Testing.Sidecar;

namespace VideoPipeline.Engine.Tests.Infrastructure;

public sealed class InMemoryEngineFixture : EngineFixture
{
    protected override Task<EngineHost> StartHostAsync() => EngineHost.StartAsync(Backends.InMemory(new InMemoryOrchestrationService()));
}
