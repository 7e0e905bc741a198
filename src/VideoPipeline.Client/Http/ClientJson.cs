using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoPipeline.Client.Http;

/// <summary>The service's JSON convention: camelCase, nulls omitted.</summary>
internal static class ClientJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static T Read<T>(BinaryData content) =>
        content.ToObjectFromJson<T>(Options) ?? throw new InvalidDataException($"The service answered null for {typeof(T).Name}.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
