using VideoPipeline.Engine.Tests.Infrastructure;

namespace VideoPipeline.Engine.Tests;

public sealed class InMemoryEngineTests(InMemoryEngineFixture fixture)
    : EngineBehaviorTests(fixture), IClassFixture<InMemoryEngineFixture>;
