using VideoPipeline.Engine.Tests.Infrastructure;

namespace VideoPipeline.Engine.Tests;

public sealed class AzureStorageEngineTests(AzureStorageEngineFixture fixture)
    : EngineBehaviorTests(fixture), IClassFixture<AzureStorageEngineFixture>
{
    /// <remarks>Azure Storage delays timer and scheduled-start messages with queue visibility timeouts in whole seconds.</remarks>
    protected override TimeSpan TimerGranularity => TimeSpan.FromSeconds(1);
}
