namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>The test classes that share one <see cref="InfrastructureFixture"/> (one build, lint and snapshot).</summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "Infrastructure";
}
