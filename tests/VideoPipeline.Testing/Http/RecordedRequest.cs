using System.Text;
using System.Text.Json.Nodes;

namespace VideoPipeline.Testing.Http;

/// <summary>One request as the scripted server received it.</summary>
public sealed record RecordedRequest(
    string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonNode? Json() => JsonNode.Parse(Encoding.UTF8.GetString(Body));
}
