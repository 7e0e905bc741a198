using System.Globalization;
using System.Text.Json;

namespace VideoPipeline.Core.Providers;

/// <summary>Lenient readers for provider JSON: a field of an unexpected type reads as absent.</summary>
internal static class JsonElementReader
{
    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    public static string? String(this JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    public static double? Number(this JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { ValueKind: JsonValueKind.String } value when double.TryParse(
            value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static int? Int32(this JsonElement element, string name) =>
        element.Number(name) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)Math.Round(number) : null;

    public static bool? Boolean(this JsonElement element, string name) => element.Property(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };
}
