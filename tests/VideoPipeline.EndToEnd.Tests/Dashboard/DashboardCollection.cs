namespace VideoPipeline.EndToEnd.Tests.Dashboard;

/// <summary>The dashboard tests share one stack: starting Azurite, the emulator and the host costs more than the tests.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardStack>
{
    public const string Name = "Dashboard";
}
