using System.Text.Json.Nodes;

namespace VideoPipeline.Core.Tests.Providers.Infrastructure;

internal static class JsonAssert
{
    /// <summary>Semantic equality of two JSON trees (member order ignored, values and types exact).</summary>
    public static void Equivalent(JsonNode? expected, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"JSON differs.\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
}
