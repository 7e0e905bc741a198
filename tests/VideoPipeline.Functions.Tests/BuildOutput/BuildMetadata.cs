using System.Reflection;

namespace VideoPipeline.Functions.Tests.BuildOutput;

/// <summary>
/// Paths the test project's build writes into this assembly (<c>AssemblyMetadata</c> items in the .csproj): where the
/// referenced Functions app was built, and where restore put the Bicep CLI.
/// </summary>
public static class BuildMetadata
{
    public static string Get(string key) =>
        typeof(BuildMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The test assembly was built without the '{key}' metadata; build it with its .csproj.");
}
