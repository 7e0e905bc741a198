namespace VideoPipeline.Client.Tests;

/// <summary>Every test class of this project shares one <see cref="ClientStack"/>.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<ClientStack>
{
    public const string Name = "local stack";
}
