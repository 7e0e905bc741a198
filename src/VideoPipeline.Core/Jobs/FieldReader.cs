using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPipeline.Core.Jobs;

/// <summary>Reads typed fields from a JSON object, recording a field error for each wrong type or missing value.</summary>
internal sealed class FieldReader(JsonElement json, FieldErrors errors, string prefix = "")
{
    public string? String(string name, bool required = false) =>
        Read(name, required, JsonValueKind.String, "a string", e => e.GetString());

    public bool? Bool(string name) =>
        Read<bool?>(name, false, JsonValueKind.True, "true or false", e => e.GetBoolean());

    public int? Int(string name) =>
        Read<int?>(name, false, JsonValueKind.Number, "a whole number", e => e.TryGetInt32(out var v) ? v : null);

    public JsonObject? Object(string name) =>
        Read(name, false, JsonValueKind.Object, "a JSON object", e => JsonNode.Parse(e.GetRawText())!.AsObject());

    public TEnum? Enum<TEnum>(string name, bool required = false)
        where TEnum : struct, System.Enum
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (PipelineJson.EnumName(value) == text)
            {
                return value;
            }
        }

        var allowed = System.Enum.GetValues<TEnum>().Select(v => PipelineJson.EnumName(v));
        errors.Add(prefix + name, $"Must be one of {string.Join(", ", allowed)}.");
        return null;
    }

    private T? Read<T>(string name, bool required, JsonValueKind kind, string description, Func<JsonElement, T?> read)
    {
        if (!json.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(prefix + name, "Required.");
            }

            return default;
        }

        var matches = element.ValueKind == kind
                      || (kind == JsonValueKind.True && element.ValueKind == JsonValueKind.False);
        var value = matches ? read(element) : default;
        if (value is null)
        {
            errors.Add(prefix + name, $"Must be {description}.");
        }

        return value;
    }
}
