using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask;
using VideoPipeline.Core.Api;

namespace VideoPipeline.Core;

/// <summary>The one JSON convention of the pipeline: camelCase, enums as strings, nulls omitted.</summary>
public static class PipelineJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// The engine's serializer for orchestration inputs, outputs, custom status, events and activity payloads: the
    /// worker and the client must agree, and <c>JobViewFactory</c> reads what they store. Hosts register it as the
    /// <see cref="DataConverter"/> service, which the Durable Task SDK's worker and client options pick up.
    /// </summary>
    public static DataConverter DataConverter { get; } = new JsonDataConverter(Options);

    /// <summary>The wire name of an enum value (e.g. <c>foxapi</c>), as the API reads and writes it.</summary>
    public static string EnumName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, Options).Trim('"');

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
