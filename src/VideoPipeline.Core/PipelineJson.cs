using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoPipeline.Core;

/// <summary>The one JSON convention of the pipeline: camelCase, enums as strings, nulls omitted.</summary>
public static class PipelineJson
{
    public static JsonSerializerOptions Options { get; } = Create();

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
